package dev.berth.cli;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.cluster.ClusterDeployer;
import dev.berth.cluster.ClusterFile;
import dev.berth.cluster.ClusterPreflight;
import dev.berth.cluster.ClusterSpec;
import dev.berth.cluster.SwarmFormer;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.PreviousAnswers;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReportFormat;
import dev.berth.ssh.SshException;
import dev.berth.target.Facts;
import dev.berth.text.Localized;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code berth deploy --cluster FILE}: one deployment across the servers of a cluster file, as a Docker Swarm stack.
 * Every node is connected (each its own host key) and checked; the swarm is formed when the servers are in none (or
 * the one they form is checked and its nodes labelled); then the job runs on the first manager.
 */
final class ClusterDeploy {
    private ClusterDeploy() {}

    static int run(Path clusterFile, Bundle bundle, Map<String, Object> raw, ResolvedAnswers given, Path images,
                   ReleaseLayout layout, boolean passwordStdin, Output out) throws Exception {
        ClusterSpec cluster = ClusterFile.read(clusterFile);
        Map<String, SwarmFormer.Link> links = new LinkedHashMap<>();
        Map<String, dev.berth.ssh.Credentials> creds = ServerConnection.nodeCredentials(cluster, passwordStdin, out);
        try {
            ServerConnection.openNodes(cluster, creds, out, false, links);
            String host = cluster.leader().target().host();
            Map<String, Facts> facts = check(cluster, links, bundle, given, layout, out);
            SwarmFormer.Outcome formed = new SwarmFormer(cluster, links,
                    p -> out.info(Localized.of("· " + p.zh(), "· " + p.en()))).form();
            out.info(formed.formedNow()
                    ? Localized.of("Swarm 已创建：" + cluster.nodes().size() + " 个节点。",
                            "The swarm is formed: " + cluster.nodes().size() + " nodes.")
                    : Localized.of("这些服务器已组成 Swarm，按原样使用。", "These servers form a swarm; it is used as it is."));
            ClusterDeployer deployer = new ClusterDeployer(cluster, links, layout, Clock.systemUTC());
            Map<String, String> addresses = deployer.addresses();
            ResolvedAnswers resolved = AnswersResolver.resolve(bundle,
                    PreviousAnswers.keepGeneratedSecrets(bundle, raw, deployer.leaderDeployer().previousAnswers()));
            PreparedRelease release = deployer.prepare(facts, addresses, bundle, resolved, images, host);
            out.info("新版本 " + release.releaseId() + "，共 " + release.plan().steps().size() + " 步，在 "
                            + cluster.leader().name() + " 上运行。",
                    "Release " + release.releaseId() + ", " + release.plan().steps().size() + " steps, run on "
                            + cluster.leader().name() + ".");
            DeployOutcome outcome;
            try {
                outcome = deployer.deploy(release, bundle, addresses, new JournalPrinter(out, release.plan()));
            } catch (SshException e) {
                if (e.kind() == SshException.Kind.CHANNEL || e.kind() == SshException.Kind.TIMEOUT) {
                    throw new CliFailure(ExitCode.DEPLOY_FAILED,
                            DeployCommand.droppedLink(deployer.leaderDeployer().progress(), e));
                }
                throw e;
            }
            return DeployCommand.report(outcome, release, out);
        } finally {
            creds.values().forEach(dev.berth.ssh.Credentials::clear);
            links.values().forEach(l -> l.shell().close());
        }
    }

    /** The usual checks on every node, each report that is not all passed headed by its node. */
    private static Map<String, Facts> check(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Bundle bundle,
                                            ResolvedAnswers given, ReleaseLayout layout, Output out) throws Exception {
        ClusterPreflight.Result r = ClusterPreflight.run(cluster, links, bundle, given, layout.installDir(), out::info);
        r.reports().forEach((node, report) -> {
            if (report.worst() != Outcome.PASS) {
                out.err().println("[" + node + "]");
                out.err().println(PreflightReportFormat.text(report, out.locale()));
            }
        });
        if (r.whole().stream().anyMatch(c -> c.outcome() != Outcome.PASS)) {
            out.err().println(out.t("[集群]", "[cluster]"));
            out.err().println(PreflightReportFormat.text(new dev.berth.preflight.PreflightReport(r.whole(),
                    r.whole().stream().map(dev.berth.preflight.CheckResult::outcome).reduce(Outcome.PASS, Outcome::worse),
                    null), out.locale()));
        }
        if (r.failed()) {
            throw new CliFailure(ExitCode.PREFLIGHT_FAILED, Localized.of("有节点未通过检查，未做任何改动。",
                    "A node failed the checks; nothing was changed."));
        }
        return r.facts();
    }
}
