package dev.berth.cluster;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Brings a cluster target's servers into one Docker Swarm, the orchestrator already inside the Docker Engine the
 * stacks need: when none of them is in a swarm, it initialises one on the first manager and joins the others (join
 * tokens are read into memory and given on stdin, never logged or stored); when they already form one, it is used as
 * it is, after checking that every listed server is its member. Then each node gets the operator's labels.
 */
public final class SwarmFormer {
    private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+");
    private static final Duration CALL = NodeCalls.CALL;
    /** How long joined nodes may take to report Ready to the manager. */
    private static final int READY_ATTEMPTS = 60;
    /** Swarm's TLS certificates and Raft tolerate little; a few seconds is what NTP keeps. */
    static final int MAX_CLOCK_SKEW_SECONDS = 5;

    /** A node as the manager lists it. */
    public record Member(String node, String id, String hostname, String status, String availability,
                         String managerStatus) {}

    /** What forming did: whether the swarm was made now, and every listed node's row. */
    public record Outcome(boolean formedNow, List<Member> members) {}

    /** One shell per node, logged in; and how each reaches root. */
    public record Link(RemoteShell shell, Privilege privilege) {}

    private final ClusterSpec cluster;
    private final Map<String, Link> links;
    private final Consumer<Localized> progress;

    /** @param links every node's connection, by node name */
    public SwarmFormer(ClusterSpec cluster, Map<String, Link> links, Consumer<Localized> progress) {
        this.cluster = cluster;
        this.links = links;
        this.progress = progress;
    }

    public Outcome form() throws SshException, ClusterException {
        Map<String, SwarmState> states = new LinkedHashMap<>();
        for (ClusterNode n : cluster.nodes()) {
            states.put(n.name(), state(n));
        }
        for (ClusterNode n : cluster.nodes()) {
            SwarmState s = states.get(n.name());
            if (!s.active() && !s.inactive()) {
                throw new ClusterException(Category.PREFLIGHT, Localized.of(
                        "节点 " + n.name() + " 的 Swarm 状态是 " + s.state() + (s.error().isBlank() ? "" : "（" + s.error() + "）")
                                + "：请先在它上面处理好（docker info）。什么都没有改动。",
                        "Node " + n.name() + " is in swarm state " + s.state() + (s.error().isBlank() ? "" : " ("
                                + s.error() + ")") + ": sort that out there first (docker info). Nothing was changed."));
            }
        }
        ClusterNode leader = cluster.leader();
        boolean anyActive = states.values().stream().anyMatch(SwarmState::active);
        boolean formed = false;
        if (!anyActive) {
            sameEnginesAndClocks();
            progress.accept(Localized.of("在 " + leader.name() + " 上创建 Swarm", "Creating the swarm on " + leader.name()));
            run(leader, commands(leader).init(advertise(leader)), null, "docker swarm init");
            String at = state(leader).nodeAddr();
            try {
                reachable(leader, at);
            } catch (ClusterException e) {
                // Nothing half-made stays behind: the swarm just made on the manager is taken back.
                links.get(leader.name()).shell().exec(commands(leader).leave(), CALL);
                throw e;
            }
            String workerToken = token(leader, ClusterNode.Role.WORKER);
            String managerToken = token(leader, ClusterNode.Role.MANAGER);
            List<ClusterNode> joined = new ArrayList<>();
            try {
                for (ClusterNode n : cluster.nodes()) {
                    if (n == leader) {
                        continue;
                    }
                    progress.accept(Localized.of("把 " + n.name() + " 作为 " + n.role().word() + " 加入",
                            "Joining " + n.name() + " as a " + n.role().word()));
                    String t = n.manager() ? managerToken : workerToken;
                    run(n, commands(n).join(advertise(n), at), (t + "\n").getBytes(StandardCharsets.UTF_8),
                            "docker swarm join");
                    joined.add(n);
                }
            } catch (ClusterException | SshException e) {
                // A swarm Berth made and could not finish is taken back, the joined nodes first.
                for (ClusterNode n : joined) {
                    links.get(n.name()).shell().exec(commands(n).leave(), CALL);
                }
                links.get(leader.name()).shell().exec(commands(leader).leave(), CALL);
                throw e;
            }
            formed = true;
        } else {
            SwarmState ls = states.get(leader.name());
            if (!ls.active() || !ls.manager()) {
                throw new ClusterException(Category.PREFLIGHT, Localized.of(
                        "部分节点已在 Swarm 中，但第一台 manager " + leader.name() + " 不是它的管理节点；Berth 不会改动已有的 Swarm。"
                                + "请让集群文件与现有的 Swarm 一致。",
                        "Some nodes are already in a swarm, but the first manager " + leader.name() + " does not manage"
                                + " it; Berth does not rearrange an existing swarm. Make the cluster file match it."));
            }
        }
        List<Member> members = members(leader, states, true);
        for (ClusterNode n : cluster.nodes()) {
            Member m = members.stream().filter(x -> x.node().equals(n.name())).findFirst().orElseThrow();
            // Where a service without placement runs: the first manager.
            List<String> labels = new ArrayList<>(n.labels());
            if (n == leader) {
                labels.add(0, "leader");
            }
            for (String label : labels) {
                run(leader, commands(leader).label(m.id(), label), null, "docker node update");
            }
        }
        return new Outcome(formed, members);
    }

    /**
     * Joins one listed server that is in no swarm to the one the first manager leads, with its role and labels: the
     * explicit way to grow a cluster ({@code berth cluster join}).
     */
    public void join(String nodeName) throws SshException, ClusterException {
        ClusterNode node = node(nodeName);
        ClusterNode leader = cluster.leader();
        SwarmState ls = state(leader);
        if (!ls.active() || !ls.manager()) {
            throw noSwarm(leader);
        }
        SwarmState ns = state(node);
        if (!ns.inactive()) {
            throw new ClusterException(Category.INVALID_INPUT, Localized.of(
                    node.name() + " 已在一个 Swarm 中（" + ns.state() + "）；什么都没有改动。",
                    node.name() + " is in a swarm already (" + ns.state() + "); nothing was changed."));
        }
        progress.accept(Localized.of("把 " + node.name() + " 作为 " + node.role().word() + " 加入",
                "Joining " + node.name() + " as a " + node.role().word()));
        String t = token(leader, node.role());
        run(node, commands(node).join(advertise(node), ls.nodeAddr()), (t + "\n").getBytes(StandardCharsets.UTF_8),
                "docker swarm join");
        String id = state(node).nodeId();
        for (int attempt = 0; attempt < READY_ATTEMPTS; attempt++) {
            if (run(leader, commands(leader).nodes(), null, "docker node ls").stdout().lines()
                    .anyMatch(l -> l.startsWith(id + "\t") && l.contains("\tReady\t"))) {
                break;
            }
            pause();
        }
        for (String label : node.labels()) {
            run(leader, commands(leader).label(id, label), null, "docker node update");
        }
    }

    /**
     * Takes one worker out of the swarm ({@code berth cluster remove}): it leaves (its tasks stop, Swarm runs them on
     * the other nodes) and the manager forgets it. A manager is not removed this way: the swarm's majority depends on
     * it.
     */
    public void remove(String nodeName) throws SshException, ClusterException {
        ClusterNode node = node(nodeName);
        ClusterNode leader = cluster.leader();
        SwarmState ns = state(node);
        if (node.manager() || ns.manager()) {
            throw new ClusterException(Category.INVALID_INPUT, Localized.of(
                    node.name() + " 是 manager：Swarm 的多数票依赖它，Berth 不会这样移除它（先在另一台 manager 上 docker node demote）。",
                    node.name() + " is a manager: the swarm's majority depends on it, so Berth does not remove it this"
                            + " way (demote it from another manager first: docker node demote)."));
        }
        if (!ns.active()) {
            throw new ClusterException(Category.INVALID_INPUT, Localized.of(
                    node.name() + " 不在 Swarm 中；什么都没有改动。", node.name() + " is in no swarm; nothing was changed."));
        }
        String id = ns.nodeId();
        progress.accept(Localized.of(node.name() + " 离开 Swarm", node.name() + " leaves the swarm"));
        run(node, commands(node).leaveAsWorker(), null, "docker swarm leave");
        // The manager takes a moment to see it Down; only then does it let the node be removed.
        for (int attempt = 0; ; attempt++) {
            ExecResult r = links.get(leader.name()).shell().exec(commands(leader).removeNode(id), null, CALL);
            if (r.ok()) {
                return;
            }
            if (attempt >= READY_ATTEMPTS) {
                throw new ClusterException(Category.SERVER_WORK, Localized.of(
                        node.name() + " 已离开，但 " + leader.name() + " 没能移除它：" + r.stderr().strip(),
                        node.name() + " left, but " + leader.name() + " could not remove it: " + r.stderr().strip()));
            }
            pause();
        }
    }

    private ClusterNode node(String name) throws ClusterException {
        return cluster.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow(() ->
                new ClusterException(Category.INVALID_INPUT, Localized.of(
                        "集群文件中没有节点 " + name + "（有：" + names() + "）。",
                        "The cluster file lists no node " + name + " (it lists " + names() + ").")));
    }

    private String names() {
        return String.join(", ", cluster.nodes().stream().map(ClusterNode::name).toList());
    }

    private static ClusterException noSwarm(ClusterNode leader) {
        return new ClusterException(Category.PREFLIGHT, Localized.of(
                leader.name() + " 还没有管理一个 Swarm：先运行 berth cluster form。",
                leader.name() + " manages no swarm yet: run berth cluster form first."));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The listed nodes as the first manager sees them now (for {@code berth cluster status}); changes nothing.
     *
     * @throws ClusterException when the servers form no swarm yet, or a listed one is not its member
     */
    public Outcome members() throws SshException, ClusterException {
        ClusterNode leader = cluster.leader();
        Map<String, SwarmState> states = new LinkedHashMap<>();
        List<Member> unreachable = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            if (n.equals(leader)) {
                states.put(n.name(), state(n));
                continue;
            }
            // Status is wanted most when a node is in trouble: one that cannot be asked is listed as such, from the
            // manager's view, instead of failing the whole answer.
            try {
                if (links.get(n.name()) == null) {
                    throw new ClusterException(Category.CONNECTION, Localized.same("no connection"));
                }
                states.put(n.name(), state(n));
            } catch (SshException | ClusterException e) {
                unreachable.add(new Member(n.name(), "", n.target().host(), "unreachable", "", ""));
            }
        }
        if (!states.get(leader.name()).active() || !states.get(leader.name()).manager()) {
            throw noSwarm(leader);
        }
        List<Member> out = new ArrayList<>(members(leader, states, false));
        out.addAll(unreachable);
        return new Outcome(false, out);
    }

    /**
     * Every listed node as the leader lists it (once all are Ready, when {@code wait}); refuses a listed server that
     * is not a member.
     */
    private List<Member> members(ClusterNode leader, Map<String, SwarmState> before, boolean wait)
            throws SshException, ClusterException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (ClusterNode n : cluster.nodes()) {
            if (!before.containsKey(n.name())) {
                continue; // could not be asked (members())
            }
            SwarmState s = before.get(n.name()).active() ? before.get(n.name()) : state(n);
            ids.put(n.name(), s.nodeId());
        }
        for (int attempt = 0; ; attempt++) {
            ExecResult r = run(leader, commands(leader).nodes(), null, "docker node ls");
            Map<String, Member> byId = new LinkedHashMap<>();
            for (String line : r.stdout().split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length >= 5) {
                    byId.put(f[0].strip(), new Member(null, f[0].strip(), f[1], f[2], f[3], f[4]));
                }
            }
            List<Member> out = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            boolean allReady = true;
            for (ClusterNode n : cluster.nodes()) {
                if (!ids.containsKey(n.name())) {
                    continue;
                }
                Member m = byId.get(ids.get(n.name()));
                if (m == null) {
                    missing.add(n.name());
                    continue;
                }
                allReady &= "Ready".equals(m.status());
                out.add(new Member(n.name(), m.id(), m.hostname(), m.status(), m.availability(), m.managerStatus()));
            }
            if (!missing.isEmpty()) {
                throw new ClusterException(Category.PREFLIGHT, Localized.of(
                        String.join(", ", missing) + " 不是 " + leader.name() + " 所在 Swarm 的成员；Berth 不会自行改动已有的 Swarm"
                                + "（加入或移除节点需要明确操作）。",
                        String.join(", ", missing) + (missing.size() == 1 ? " is not a member" : " are not members")
                                + " of the swarm " + leader.name() + " manages; Berth does not change an existing swarm"
                                + " on its own (joining or removing nodes is an explicit action)."));
            }
            if (!wait || allReady || attempt >= READY_ATTEMPTS) {
                return out;
            }
            pause();
        }
    }

    /**
     * Swarm between engines of different major versions and clocks more than a few seconds apart (its certificates and
     * Raft) fails in ways that are hard to read later: both are checked before anything is made.
     */
    private void sameEnginesAndClocks() throws SshException, ClusterException {
        Map<String, String> versions = new LinkedHashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        String early = null;
        String late = null;
        Map<String, String> mtus = new LinkedHashMap<>();
        for (ClusterNode n : cluster.nodes()) {
            String[] f = run(n, commands(n).versionAndClock(advertise(n)), null, "docker version").stdout().strip()
                    .split(" ");
            versions.put(n.name(), f[0]);
            if (f.length > 2 && f[2].matches("[0-9]+")) {
                mtus.put(n.name(), f[2]);
            }
            long t = f.length > 1 ? Long.parseLong(f[1]) : 0;
            if (t < min) {
                min = t;
                early = n.name();
            }
            if (t > max) {
                max = t;
                late = n.name();
            }
        }
        java.util.Set<String> majors = new java.util.TreeSet<>();
        versions.values().forEach(v -> majors.add(v.split("\\.")[0]));
        if (majors.size() > 1) {
            throw new ClusterException(Category.PREFLIGHT, Localized.of(
                    "节点的 Docker 主版本不同（" + versions + "）：Swarm 需要各节点的 Docker 主版本相同。什么都没有改动。",
                    "The nodes run different Docker major versions (" + versions + "): a swarm needs the same one on"
                            + " every node. Nothing was changed."));
        }
        if (new java.util.HashSet<>(mtus.values()).size() > 1) {
            // The overlay network wraps each packet in VXLAN (50 bytes more) and sizes it for the MTU of the node it
            // starts on: a node with a smaller one drops what the others send, and connections hang rather than fail.
            throw new ClusterException(Category.PREFLIGHT, Localized.of(
                    "节点的网络 MTU 不同（" + mtus + "）：Swarm 的 overlay 网络需要各节点一致，否则大的数据包会被丢弃、连接挂起。"
                            + "请把各节点网卡的 MTU 设为相同。什么都没有改动。",
                    "The nodes' network MTUs differ (" + mtus + "): Swarm's overlay network needs them the same, or large"
                            + " packets are dropped and connections hang. Give the nodes' interfaces the same MTU."
                            + " Nothing was changed."));
        }
        if (max - min > MAX_CLOCK_SKEW_SECONDS) {
            throw new ClusterException(Category.PREFLIGHT, Localized.of(
                    late + " 的时钟比 " + early + " 快 " + (max - min) + " 秒：Swarm 需要各节点时钟相差不超过 "
                            + MAX_CLOCK_SKEW_SECONDS + " 秒（请启用 NTP/chrony）。什么都没有改动。",
                    "The clock of " + late + " is " + (max - min) + " s ahead of " + early + "'s: a swarm needs its"
                            + " nodes' clocks within " + MAX_CLOCK_SKEW_SECONDS + " s (turn on NTP or chrony). Nothing was"
                            + " changed."));
        }
    }

    /** From every other node, the manager's join and gossip ports answer (checked from the nodes, not the laptop). */
    private void reachable(ClusterNode leader, String at) throws SshException, ClusterException {
        List<String> closed = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            if (n == leader) {
                continue;
            }
            for (int port : new int[] {2377, 7946}) {
                if (!run(n, commands(n).reach(at, port), null, "bash /dev/tcp").stdout().strip().equals("open")) {
                    closed.add(n.name() + " → " + leader.name() + " TCP " + port);
                }
            }
        }
        if (!closed.isEmpty()) {
            throw new ClusterException(Category.PREFLIGHT, Localized.of(
                    "节点之间有端口不通：" + String.join("；", closed) + "。请在服务器之间放行 TCP 2377、TCP 和 UDP 7946、UDP 4789"
                            + "（Swarm 的加入、节点通信和 overlay 网络）。没有留下半建好的 Swarm。",
                    "Ports are blocked between the nodes: " + String.join("; ", closed) + ". Open TCP 2377, TCP and UDP"
                            + " 7946 and UDP 4789 between the servers (Swarm's joining, gossip and overlay network). No"
                            + " half-made swarm was left behind."));
        }
    }

    private String token(ClusterNode leader, ClusterNode.Role role) throws SshException, ClusterException {
        return run(leader, commands(leader).joinToken(role), null, "docker swarm join-token").stdout().strip();
    }

    private SwarmState state(ClusterNode n) throws SshException, ClusterException {
        ExecResult r = run(n, commands(n).info(), null, "docker info");
        SwarmState s = SwarmState.parse(r.stdout());
        if (s == null) {
            throw new ClusterException(Category.PREFLIGHT, Localized.of(
                    "无法读取节点 " + n.name() + " 的 Swarm 状态（docker info）。", "Cannot read the swarm state of node "
                            + n.name() + " (docker info)."));
        }
        return s;
    }

    /** The address a node advertises: the one the operator reaches it at, when that is an IP address. */
    private static String advertise(ClusterNode n) {
        String host = n.target().host();
        return IP.matcher(host).matches() ? host : null;
    }

    private SwarmCommands commands(ClusterNode n) {
        return new SwarmCommands(links.get(n.name()).privilege());
    }

    private ExecResult run(ClusterNode n, dev.berth.ssh.RemoteCommand c, byte[] stdin, String what)
            throws SshException, ClusterException {
        return NodeCalls.run(links, n, c, stdin, what);
    }
}
