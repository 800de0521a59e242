package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.status.DeploymentStatus;
import dev.berth.status.ProbeResult;
import dev.berth.status.ServiceStatus;
import dev.berth.status.StatusService;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import dev.berth.text.Localized;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--bundle", descriptionKey = "bundle", paramLabel = "ID")
    String bundleId;

    @Option(names = "--project", descriptionKey = "project", paramLabel = "NAME")
    String project;

    @Option(names = "--stats", descriptionKey = "stats")
    boolean stats;

    @Option(names = "--json", descriptionKey = "json")
    boolean json;

    @Option(names = "--cluster", descriptionKey = "cluster-status", paramLabel = "FILE")
    java.nio.file.Path cluster;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        ReleaseLayout layout = InstallDir.of(target.installDir, bundleId);
        if (cluster != null) {
            return clusterStatus(layout, out);
        }
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            DeploymentStatus s = StatusService.detect(shell, Clock.systemUTC())
                    .status(layout.installDir(), project == null ? "" : project, stats);
            if (!s.deployed()) {
                throw new CliFailure(ExitCode.INVALID_INPUT, StatusService.noDeploymentIn(layout.installDir()));
            }
            out.result(json ? json(s) : table(s, out));
            return s.healthy() ? ExitCode.OK : ExitCode.DEPLOY_FAILED;
        }
    }

    /**
     * A deployment on a cluster: its stack as the first manager sees it (the install record there names the stack),
     * every node's state; healthy when every node is Ready and every service runs all its replicas.
     */
    private int clusterStatus(ReleaseLayout layout, Output out) throws Exception {
        dev.berth.cluster.ClusterSpec spec = dev.berth.cluster.ClusterFile.read(cluster);
        java.util.Map<String, dev.berth.ssh.Credentials> creds = ServerConnection.nodeCredentials(spec,
                target.passwordStdin, out);
        try (RemoteShell shell = ServerConnection.open(spec.leader(), creds.get(spec.leader().name()), out)) {
            dev.berth.ssh.Privilege privilege = dev.berth.ssh.Privilege.detect(shell);
            String stack = project;
            if (stack == null) {
                dev.berth.ssh.ExecResult r = shell.exec(new dev.berth.target.ServerCommands(privilege)
                        .readFile(layout.installRecord()), java.time.Duration.ofSeconds(20));
                stack = r.ok() && !r.stdout().isBlank()
                        ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout()).path("project").asText("")
                        : "";
                if (stack.isEmpty()) {
                    throw new CliFailure(ExitCode.INVALID_INPUT, StatusService.noDeploymentIn(layout.installDir()));
                }
            }
            dev.berth.status.SwarmView view = dev.berth.status.SwarmStatus.read(shell, privilege, stack);
            for (Localized line : SwarmStatusText.lines(view, stack)) {
                out.result(out.t(line));
            }
            boolean healthy = view.nodes().stream().allMatch(dev.berth.status.SwarmView.NodeRow::ready)
                    && !view.services().isEmpty()
                    && view.services().stream().allMatch(dev.berth.status.SwarmView.ServiceRow::complete);
            return healthy ? ExitCode.OK : ExitCode.DEPLOY_FAILED;
        } finally {
            creds.values().forEach(dev.berth.ssh.Credentials::clear);
        }
    }

    static String table(DeploymentStatus s, Output out) {
        StringBuilder sb = new StringBuilder();
        sb.append(out.t("项目 ", "Project ")).append(s.project()).append(out.t("，当前版本 ", ", live release "))
                .append(s.currentRelease() == null ? "-" : s.currentRelease()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-16s %-10s %-10s %-8s %-10s %s%n", out.t("服务", "SERVICE"),
                out.t("状态", "STATE"), out.t("健康", "HEALTH"), out.t("重启", "RESTARTS"), out.t("运行时间", "UPTIME"),
                out.t("端口", "PORTS")));
        for (ServiceStatus v : s.services()) {
            sb.append(String.format(Locale.ROOT, "%-16s %-10s %-10s %-8d %-10s %s", v.service(), v.state(), v.health(),
                    v.restarts(), v.uptimeText(), String.join(" ", v.ports())));
            if (v.cpuPercent() >= 0) {
                sb.append(String.format(Locale.ROOT, "  cpu %.1f%% mem %.0f MiB", v.cpuPercent(), v.memoryBytes() / 1048576.0));
            }
            sb.append('\n');
        }
        for (ProbeResult p : s.probes()) {
            sb.append(p.ok() ? "✓ " : "✗ ").append(p.name()).append("  ").append(p.url()).append("  → ")
                    .append(p.status()).append('\n');
        }
        if (s.disk() != null && s.disk().summary() != null) {
            sb.append(out.t(s.disk().summary().zh(), s.disk().summary().en())).append('\n');
            if (s.disk().warning() != null) {
                sb.append(out.t(s.disk().warning().zh(), s.disk().warning().en())).append('\n');
            }
        }
        sb.append(s.healthy() ? out.t("全部健康。", "All healthy.") : out.t("有服务不健康。", "Something is not healthy."));
        return sb.toString();
    }

    static String json(DeploymentStatus s) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode();
        n.put("project", s.project()).put("currentRelease", s.currentRelease()).put("lastJobRelease", s.lastJobRelease())
                .put("healthy", s.healthy());
        ArrayNode services = n.putArray("services");
        for (ServiceStatus v : s.services()) {
            ObjectNode o = services.addObject();
            o.put("service", v.service()).put("container", v.container()).put("state", v.state()).put("health", v.health())
                    .put("restarts", v.restarts()).put("uptimeSeconds", v.uptime().getSeconds());
            v.ports().forEach(o.putArray("ports")::add);
            if (v.cpuPercent() >= 0) {
                o.put("cpuPercent", v.cpuPercent()).put("memoryBytes", v.memoryBytes());
            }
        }
        ArrayNode probes = n.putArray("probes");
        for (ProbeResult p : s.probes()) {
            probes.addObject().put("name", p.name()).put("url", p.url()).put("expected", p.expectedStatus())
                    .put("status", p.status()).put("ok", p.ok());
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    }
}
