package dev.berth.cli;

import dev.berth.cluster.ClusterFile;
import dev.berth.cluster.ClusterSpec;
import dev.berth.cluster.SwarmFormer;
import dev.berth.status.SwarmStatus;
import dev.berth.status.SwarmView;
import dev.berth.text.Localized;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth cluster}: a cluster target's servers as one Docker Swarm. {@code form} makes the swarm when the servers
 * are in none (or checks the one they are in) and labels the nodes; {@code status} lists them as the manager sees them.
 */
@Command(name = "cluster", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true,
        subcommands = {ClusterCommand.Form.class, ClusterCommand.Status.class, ClusterCommand.Join.class,
                ClusterCommand.Remove.class})
final class ClusterCommand implements Runnable {
    @Override
    public void run() {
        throw new CliFailure(ExitCode.USAGE, Localized.of("请指明 berth cluster form 或 berth cluster status。",
                "Say berth cluster form or berth cluster status."));
    }

    abstract static class OnCluster implements Callable<Integer> {
        @Option(names = "--cluster", descriptionKey = "cluster", paramLabel = "FILE", required = true)
        Path clusterFile;

        @Option(names = "--password-stdin", descriptionKey = "cluster-password-stdin")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            Output out = Output.get();
            ClusterSpec cluster = ClusterFile.read(clusterFile);
            Map<String, SwarmFormer.Link> links = new LinkedHashMap<>();
            Map<String, dev.berth.ssh.Credentials> creds = ServerConnection.nodeCredentials(cluster, passwordStdin, out);
            try {
                ServerConnection.openNodes(cluster, creds, out, answersWithoutEveryNode(), links);
                return on(cluster, links, out);
            } finally {
                creds.values().forEach(dev.berth.ssh.Credentials::clear);
                links.values().forEach(l -> l.shell().close());
            }
        }

        abstract int on(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Output out) throws Exception;

        /** Whether the command can answer from the first manager alone when another node cannot be reached. */
        boolean answersWithoutEveryNode() {
            return false;
        }

        static void print(SwarmFormer.Outcome o, Output out) {
            for (SwarmFormer.Member m : o.members()) {
                if (m.id().isEmpty()) {
                    out.result(out.t(Localized.of(m.node() + "  " + m.hostname() + "  无法询问（SSH 或 Docker 引擎没有应答）",
                            m.node() + "  " + m.hostname() + "  cannot be asked (its SSH or Docker engine does not answer)")));
                    continue;
                }
                out.result(m.node() + "  " + m.hostname() + "  " + m.status() + "  " + m.availability() + "  "
                        + (m.managerStatus().isBlank() ? "worker" : "manager (" + m.managerStatus() + ")"));
            }
        }
    }

    @Command(name = "form", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
    static final class Form extends OnCluster {
        @Override
        int on(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Output out) throws Exception {
            SwarmFormer.Outcome o = new SwarmFormer(cluster, links, p -> out.info(Localized.of("· " + p.zh(), "· " + p.en())))
                    .form();
            out.info(o.formedNow()
                    ? Localized.of("Swarm 已创建：" + cluster.nodes().size() + " 个节点。", "The swarm is formed: "
                            + cluster.nodes().size() + " nodes.")
                    : Localized.of("这些服务器已组成 Swarm，按原样使用。", "These servers already form a swarm; it is used as"
                            + " it is."));
            print(o, out);
            return ExitCode.OK;
        }
    }

    /** A command about one node of the cluster file. */
    abstract static class OnNode extends OnCluster {
        @picocli.CommandLine.Parameters(paramLabel = "NODE", descriptionKey = "cluster-node")
        String node;
    }

    @Command(name = "join", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
    static final class Join extends OnNode {
        @Override
        int on(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Output out) throws Exception {
            SwarmFormer f = new SwarmFormer(cluster, links, p -> out.info(Localized.of("· " + p.zh(), "· " + p.en())));
            f.join(node);
            out.info(Localized.of(node + " 已加入 Swarm。", node + " joined the swarm."));
            print(f.members(), out);
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
    static final class Remove extends OnNode {
        @Override
        int on(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Output out) throws Exception {
            new SwarmFormer(cluster, links, p -> out.info(Localized.of("· " + p.zh(), "· " + p.en()))).remove(node);
            out.result(out.t(Localized.of(node + " 已离开 Swarm，它的任务已由其他节点接手；要把它从集群中去掉，请从集群文件中删除它。",
                    node + " left the swarm and its tasks moved to the other nodes; take it out of the cluster file to"
                            + " leave it out.")));
            return ExitCode.OK;
        }
    }

    /**
     * The nodes as the first manager lists them, then what runs where: each node's size, and each stack's services
     * (or those of {@code --project}) with their replicas and tasks, read in one call on that manager.
     */
    @Command(name = "status", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
    static final class Status extends OnCluster {
        /** A compose project's name, which the stack is named after. */
        private static final java.util.regex.Pattern STACK_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]*");

        @Option(names = "--project", descriptionKey = "cluster-project", paramLabel = "NAME")
        String project;

        @Override
        public Integer call() throws Exception {
            // Before any connection: a name that cannot be a stack's is the operator's typo, not the swarm's state.
            if (project != null && !STACK_NAME.matcher(project).matches()) {
                throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of(
                        "“" + project + "” 不是栈的名称：栈以安装的 Compose 项目命名（小写字母、数字、- 和 _）。",
                        "\"" + project + "\" is not a stack's name: a stack is named after its install's Compose project"
                                + " (lower-case letters, digits, - and _)."));
            }
            return super.call();
        }

        @Override
        boolean answersWithoutEveryNode() {
            return true;
        }

        @Override
        int on(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Output out) throws Exception {
            print(new SwarmFormer(cluster, links, p -> { }).members(), out);
            SwarmFormer.Link manager = links.get(cluster.leader().name());
            SwarmView view = SwarmStatus.read(manager.shell(), manager.privilege(), project);
            for (Localized line : SwarmStatusText.lines(view, project)) {
                out.result(out.t(line));
            }
            return ExitCode.OK;
        }
    }
}
