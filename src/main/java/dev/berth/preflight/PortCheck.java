package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.ContainerPorts;
import dev.berth.target.Facts;
import dev.berth.target.ListeningPort;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;

/**
 * Every port parameter's host port must be free. A port published by a running container of this bundle's own
 * compose project (its previous deployment) is not a conflict: the redeploy takes it over. Otherwise the holder
 * is named when visible (program and pid from ss, or the container and its project from docker ps), and a free
 * port nearby is suggested.
 */
final class PortCheck implements Analyzer {
    private static final String DOCKER_PROXY = "docker-proxy";

    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        List<CheckResult> out = new ArrayList<>();
        for (String param : in.req().portParams()) {
            out.add(judge(param, in.portsByParam().get(param), in.facts(), in.ctx().composeProject()));
        }
        return out;
    }

    static CheckResult judge(String param, Integer port, Facts f, String project) {
        List<ListeningPort> listeners = port == null ? List.of() : f.ports().listenersOn(port);
        List<ContainerPorts> containers = port == null ? List.of() : f.ports().containersPublishing(port);
        List<ContainerPorts> ours = containers.stream()
                .filter(c -> !project.isEmpty() && c.project().equals(project)).toList();
        List<ContainerPorts> others = containers.stream().filter(c -> !ours.contains(c)).toList();
        List<ListeningPort> programs = listeners.stream()
                .filter(l -> l.processVisible() && !l.process().equals(DOCKER_PROXY)).toList();
        Localized remedyOther = port == null ? null : remedy(param, port, f);
        return Judge.check("port:" + param, of("端口 " + param, "Port " + param))
                .when(port == null, Outcome.WARN,
                        () -> of(param + " 还没有填写端口号，无法检查。", param + " has no port number yet, so it was not checked."),
                        () -> of("请先填写 " + param + "。", "Fill in " + param + " first."))
                .when(port != null && (port < 1 || port > 65535), Outcome.FAIL,
                        () -> of(param + " 的值 " + port + " 不是有效端口。", param + " = " + port + " is not a valid port."),
                        () -> of("请填写 1 到 65535 之间的端口号。", "Choose a port from 1 to 65535."))
                .when(!programs.isEmpty(), Outcome.FAIL,
                        () -> of("端口 " + port + " 已被程序 " + holder(programs.get(0)) + " 占用。",
                                "Port " + port + " is already used by the program " + holder(programs.get(0)) + "."),
                        () -> remedyOther)
                .when(!others.isEmpty(), Outcome.FAIL,
                        () -> of("端口 " + port + " 已被容器 " + container(others.get(0)) + " 占用。",
                                "Port " + port + " is already used by the container " + container(others.get(0)) + "."),
                        () -> remedyOther)
                .when(!ours.isEmpty(), Outcome.PASS,
                        () -> of("端口 " + port + " 由本应用上次部署的容器 " + ours.get(0).name() + " 使用，重新部署时会接管。",
                                "Port " + port + " is held by " + ours.get(0).name()
                                        + " of this bundle's previous deployment, which the redeploy takes over."),
                        null)
                .when(!listeners.isEmpty(), Outcome.FAIL,
                        () -> of("端口 " + port + " 已被占用（当前用户看不到是哪个程序）。",
                                "Port " + port + " is already in use (the login user cannot see by which program)."),
                        () -> remedyOther)
                .when(f.ports().tool().isEmpty(), Outcome.WARN,
                        () -> of("服务器上没有 ss 或 netstat，无法检查端口 " + port + " 是否空闲。",
                                "The server has neither ss nor netstat, so Berth could not check that port " + port
                                        + " is free."),
                        () -> of("请安装 iproute（提供 ss），或自行确认端口未被占用。",
                                "Install iproute (for ss), or make sure yourself that the port is free."))
                .otherwise(Outcome.PASS, () -> of("端口 " + port + " 空闲。", "Port " + port + " is free."));
    }

    private static String holder(ListeningPort l) {
        return l.pid() == null ? l.process() : l.process() + " (pid " + l.pid() + ")";
    }

    private static String container(ContainerPorts c) {
        return c.project().isEmpty() ? c.name() : c.name() + " (" + c.project() + ")";
    }

    private static Localized remedy(String param, int port, Facts f) {
        int free = nearestFree(port, f);
        if (free < 0) {
            return of("请把 " + param + " 改为其他端口，或停止占用该端口的程序。",
                    "Choose another port for " + param + ", or stop the program that holds it.");
        }
        return of("请把 " + param + " 改为其他端口（例如空闲的 " + free + "），或停止占用该端口的程序。",
                "Choose another port for " + param + " (" + free + " is free), or stop the program that holds it.");
    }

    /** The next port above {@code port} that nothing listens on or publishes; -1 when none within 100. */
    static int nearestFree(int port, Facts f) {
        for (int p = port + 1; p <= Math.min(65535, port + 100); p++) {
            if (f.ports().listenersOn(p).isEmpty() && f.ports().containersPublishing(p).isEmpty()) {
                return p;
            }
        }
        return -1;
    }
}
