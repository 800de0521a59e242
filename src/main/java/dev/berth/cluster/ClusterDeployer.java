package dev.berth.cluster;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.Placement;
import dev.berth.bundle.RenderException;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.deploy.SwarmPlan;
import dev.berth.deploy.SwarmTarget;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Fingerprints;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.SshException;
import dev.berth.target.Facts;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import dev.berth.transfer.TransferException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A deploy to a cluster target: the release prepared against the swarm's first manager (where the job runs, detached,
 * journaled and locked as on one server), the data folders made on every node, and for each node that lacks images it
 * may run a one-time key with which the manager hands them over, so the images cross the operator's link once.
 */
public final class ClusterDeployer {
    private static final Duration CALL = NodeCalls.CALL;
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F.:]+");

    private final ClusterSpec cluster;
    private final Map<String, SwarmFormer.Link> links;
    private final ReleaseLayout layout;
    private final Deployer deployer;
    /** Each node's login user (the cluster file's, else the one ssh config chose), filled by {@link #addresses}. */
    private final Map<String, String> users = new LinkedHashMap<>();

    /** @param links every node's connection, by node name; the leader's runs the job */
    public ClusterDeployer(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, ReleaseLayout layout, Clock clock) {
        this.cluster = cluster;
        this.links = links;
        this.layout = layout;
        SwarmFormer.Link leader = links.get(cluster.leader().name());
        this.deployer = new Deployer(leader.shell(), leader.privilege(), layout, clock);
    }

    /** The deployer on the first manager (previous answers, a running job, following it again). */
    public Deployer leaderDeployer() {
        return deployer;
    }

    /**
     * @param facts     a fresh probe of every node, by name
     * @param addresses each node's address in the swarm (where the manager reaches it), by name
     */
    public PreparedRelease prepare(Map<String, Facts> facts, Map<String, String> addresses, Bundle bundle,
                                   ResolvedAnswers answers, Path imagesDir, String host)
            throws RenderException, TransferException {
        return deployer.prepareSwarm(facts.get(cluster.leader().name()), bundle, answers, imagesDir, host,
                new Nodes(facts, addresses));
    }

    /**
     * Makes the data folders on every node, gives each node that is sent images its one-time key, then sends the
     * release to the manager, starts the job there and follows it. Keys a job did not use are taken back once it ended.
     */
    public DeployOutcome deploy(PreparedRelease release, Bundle bundle, Map<String, String> addresses,
                                DeployListener listener) throws SshException, TransferException, ClusterException {
        if (!bundle.dataDirs().isEmpty()) {
            listener.phase(Localized.of("在每个节点上准备数据目录", "Preparing the data folders on every node"));
            for (ClusterNode n : cluster.nodes()) {
                SwarmFormer.Link link = links.get(n.name());
                run(n, new NodeCommands(link.privilege()).makeDataDirs(layout.dataDir(), bundle.dataDirs()), null,
                        "mkdir " + layout.dataDir());
            }
        }
        List<SwarmPlan.Forward> forwards = forwardsOf(release);
        List<ClusterNode> keyed = new ArrayList<>();
        boolean ended = false;
        try {
            for (SwarmPlan.Forward f : forwards) {
                ClusterNode n = node(f.node());
                keyed.add(n);
                giveLoadKey(n, release.releaseId(), addresses.get(cluster.leader().name()), f);
            }
            DeployOutcome o = deployer.deploy(release, listener);
            ended = true;
            return o;
        } finally {
            // A job that still runs (the link dropped while following it) may yet use its keys; each removes itself.
            if (ended || deployer.progress() != Deployer.Progress.STARTED) {
                for (ClusterNode n : keyed) {
                    try {
                        links.get(n.name()).shell().exec(NodeCommands.removeLoadKey(keyComment(release.releaseId(), n)),
                                CALL);
                    } catch (SshException e) {
                        // The key stays, restricted to docker load from the manager; the next deploy's key is another.
                    }
                }
            }
            if (!ended && deployer.progress() != Deployer.Progress.STARTED && !keyed.isEmpty()) {
                // No job will use the private halves the manager made.
                SwarmFormer.Link manager = links.get(cluster.leader().name());
                try {
                    manager.shell().exec(RemoteCommand.script("rm -rf -- \"$1\"", layout.stateDir() + "/transfer/"
                            + release.releaseId()).withPrivilege(manager.privilege()), CALL);
                } catch (SshException e) {
                    // 0600 under the install's state, and useless now that the nodes dropped their public halves.
                }
            }
        }
    }

    private static List<SwarmPlan.Forward> forwardsOf(PreparedRelease release) {
        return release.plan().steps().stream().filter(s -> s.call().get(0).equals("forward_images")).findFirst()
                .map(s -> {
                    List<String> a = s.call().subList(1, s.call().size());
                    List<SwarmPlan.Forward> out = new ArrayList<>();
                    for (int i = 0; i + 4 < a.size(); i += 5) {
                        out.add(new SwarmPlan.Forward(a.get(i), a.get(i + 1), a.get(i + 2), Integer.parseInt(a.get(i + 3)),
                                List.of(a.get(i + 4).split(","))));
                    }
                    return out;
                }).orElse(List.of());
    }

    /**
     * The manager makes the key pair (its private half stays there) and reads the node's host key, which must be the
     * one the laptop pinned for that node; the node accepts the public half for docker load only.
     */
    private void giveLoadKey(ClusterNode n, String releaseId, String managerAddress, SwarmPlan.Forward f)
            throws SshException, ClusterException {
        ClusterNode leader = cluster.leader();
        SwarmFormer.Link manager = links.get(leader.name());
        SwarmFormer.Link node = links.get(n.name());
        NodeCommands onManager = new NodeCommands(manager.privilege());
        String dir = layout.stateDir() + "/transfer/" + releaseId;
        String comment = keyComment(releaseId, n);
        String pinned = node.shell().hostKeyFingerprint();
        String known = null;
        for (String line : run(leader, onManager.scanHostKeys(f.host(), f.port()), null, "ssh-keyscan").stdout()
                .split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length >= 3 && !p[0].startsWith("#") && pinned != null
                    && pinned.equals(Fingerprints.sha256(Base64.getDecoder().decode(p[2])))) {
                known = line.strip() + "\n";
            }
        }
        if (known == null) {
            throw new ClusterException(Category.PREFLIGHT, Localized.of(
                    "管理节点 " + leader.name() + " 在 " + f.host() + ":" + f.port() + " 看到的主机密钥不是 Berth 为节点 " + n.name()
                            + " 记录的那一个：它们可能不是同一台服务器。未做任何改动。",
                    "The manager " + leader.name() + " sees another host key at " + f.host() + ":" + f.port()
                            + " than the one Berth pinned for node " + n.name() + ": they may not be the same server."
                            + " Nothing was changed."));
        }
        run(leader, new dev.berth.target.ServerCommands(manager.privilege()).writePrivateFile(dir + "/" + n.name()
                + ".known_hosts"), known.getBytes(java.nio.charset.StandardCharsets.UTF_8), "known_hosts");
        String publicKey = run(leader, onManager.makeKey(dir, n.name(), comment), null, "ssh-keygen").stdout().strip();
        String from = managerAddress != null && ADDRESS.matcher(managerAddress).matches() ? managerAddress : null;
        run(n, NodeCommands.allowLoadKey(NodeCommands.loadKeyLine(publicKey, comment, from,
                node.privilege() != Privilege.NONE)), null, "authorized_keys");
    }

    private static String keyComment(String releaseId, ClusterNode n) {
        return ("berth-load-" + releaseId + "-" + n.name()).replaceAll("[^A-Za-z0-9-]", "-");
    }

    private ClusterNode node(String name) {
        return cluster.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private ExecResult run(ClusterNode n, dev.berth.ssh.RemoteCommand c, byte[] stdin, String what)
            throws SshException, ClusterException {
        return NodeCalls.run(links, n, c, stdin, what);
    }

    /** The nodes as the deploy sees them: where each service may run, and which images each lacks. */
    private final class Nodes implements SwarmTarget {
        private final Map<String, Facts> facts;
        private final Map<String, String> addresses;

        Nodes(Map<String, Facts> facts, Map<String, String> addresses) {
            this.facts = facts;
            this.addresses = addresses;
        }

        @Override
        public boolean onManager(Placement placement) {
            return mayRun(cluster.leader(), placement);
        }

        @Override
        public List<SwarmPlan.Forward> forwards(Map<String, String> imageOfService,
                                                Function<String, Placement> placement) {
            List<SwarmPlan.Forward> out = new ArrayList<>();
            for (ClusterNode n : cluster.nodes()) {
                if (n.equals(cluster.leader())) {
                    continue;
                }
                Set<String> refs = new LinkedHashSet<>();
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(imageOfService).entrySet()) {
                    if (mayRun(n, placement.apply(e.getKey()))
                            && !facts.get(n.name()).docker().images().containsKey(e.getValue())) {
                        refs.add(e.getValue());
                    }
                }
                if (!refs.isEmpty()) {
                    out.add(new SwarmPlan.Forward(n.name(), users.getOrDefault(n.name(), n.target().user()),
                            addresses.getOrDefault(n.name(), n.target().host()),
                            n.target().port(), new ArrayList<>(refs)));
                }
            }
            return out;
        }

        /** Swarm places a service without a label on the node labelled berth.leader: the first manager. */
        private boolean mayRun(ClusterNode n, Placement p) {
            return p.label() == null ? n.equals(cluster.leader()) : n.labels().contains(p.label());
        }
    }

    /** Each node's address in the swarm, from the node itself (docker info), and its login user. */
    public Map<String, String> addresses() throws SshException, ClusterException {
        Map<String, String> out = new LinkedHashMap<>();
        for (ClusterNode n : cluster.nodes()) {
            users.put(n.name(), n.target().user() != null ? n.target().user()
                    : run(n, RemoteCommand.of("id", "-un"), null, "id -un").stdout().strip());
            SwarmState s = SwarmState.parse(run(n, new SwarmCommands(links.get(n.name()).privilege()).info(), null,
                    "docker info").stdout());
            out.put(n.name(), s == null || s.nodeAddr().isBlank() ? n.target().host() : s.nodeAddr());
        }
        return out;
    }
}
