package dev.berth.cli;

import dev.berth.status.SwarmView;
import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code berth cluster status} prints after the node list: each node's size, then each stack's services with
 * their replicas and under each its tasks. Docker's own words (running, healthy, Ready) stay as docker prints them, so
 * an operator can match them with {@code docker service ps}; Berth's words are in both languages.
 */
final class SwarmStatusText {
    private SwarmStatusText() {}

    /** @param project the stack asked for, or null when every stack was read */
    static List<Localized> lines(SwarmView view, String project) {
        List<Localized> out = new ArrayList<>();
        for (NodeRow n : view.nodes()) {
            String labels = String.join(", ", n.labels().keySet());
            String engine = gib(n.memoryBytes()) + "  Docker " + n.engineVersion();
            out.add(Localized.of(n.hostname() + "  " + cpus(n.cpus()) + " 个 CPU  " + engine
                            + (labels.isEmpty() ? "" : "  标签：" + labels),
                    n.hostname() + "  " + cpus(n.cpus()) + (n.cpus() == 1 ? " CPU  " : " CPUs  ") + engine
                            + (labels.isEmpty() ? "" : "  labels: " + labels)));
            if (!n.ready()) {
                out.add(Localized.of("  " + n.hostname() + " 的状态是 " + n.status() + "：manager 收不到它的 Docker 引擎的消息。"
                                + "它上面的任务不算在运行，Swarm 会把可复制的服务放到其他节点上（能放的话）。",
                        "  " + n.hostname() + " is " + n.status() + ": the manager hears nothing from its Docker engine. Its"
                                + " tasks are not counted as running, and Swarm moves replicated services to other nodes"
                                + " where it can."));
            }
        }
        if (view.services().isEmpty()) {
            out.add(project == null
                    ? Localized.of("这个 Swarm 上没有运行任何栈。", "No stack runs on this swarm.")
                    : Localized.of("栈 " + project + " 在这个 Swarm 上没有服务。", "The stack " + project
                            + " has no service on this swarm."));
            return out;
        }
        for (String stack : view.stacks()) {
            out.add(Localized.of("栈 " + stack, "Stack " + stack));
            for (ServiceRow s : view.servicesOf(stack)) {
                out.add(Localized.same("  " + s.name() + "  " + s.running() + "/" + s.desired() + "  " + s.image()));
                for (TaskRow t : s.tasks()) {
                    String node = t.node().isEmpty() ? "-" : t.node();
                    String head = "    " + node + "  " + t.state() + "  " + t.health() + "  ";
                    String error = t.error().isEmpty() ? "" : "  " + t.error();
                    // Its state is the last the manager heard: from a node that is not Ready, that says little.
                    String lost = view.nodes().stream().filter(n -> n.hostname().equals(t.node()) && !n.ready())
                            .map(NodeRow::status).findFirst().orElse(null);
                    out.add(Localized.of(head + "重启 " + t.restarts() + " 次" + error
                                    + (lost == null ? "" : "（节点 " + lost + "）"),
                            head + t.restarts() + (t.restarts() == 1 ? " restart" : " restarts") + error
                                    + (lost == null ? "" : "  (node " + lost + ")")));
                }
            }
        }
        return out;
    }

    /** 2 → "2", 1.5 → "1.5". */
    private static String cpus(double cpus) {
        return cpus == Math.rint(cpus) ? Long.toString((long) cpus) : String.format(Locale.ROOT, "%.1f", cpus);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
