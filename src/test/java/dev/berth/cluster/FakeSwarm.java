package dev.berth.cluster;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.TransferListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Docker engines that answer the swarm commands in Docker 20.10's formats, for the unit tier: enough state to form a
 * swarm, join it and list it, and a record of every command and its stdin. The real engines answer the same commands
 * in CliClusterTest (three nodes in network namespaces).
 */
final class FakeSwarm {
    /** What one engine was asked, with the stdin it got. */
    record Call(String node, RemoteCommand command, String stdin) {}

    final List<Call> calls = new ArrayList<>();
    final Map<String, Engine> engines = new LinkedHashMap<>();
    String workerToken = "SWMTKN-1-worker-secret";
    String managerToken = "SWMTKN-1-manager-secret";
    String clusterManager;
    /** After this many joins, the worker token changes (a token rotated while Berth works); -1: never. */
    int rotateAfterJoins = -1;
    private int joins;

    final class Engine implements RemoteShell {
        final String name;
        final String addr;
        String state = "inactive";
        boolean manager;
        final String id;
        final List<String> labels = new ArrayList<>();
        String version = "20.10.24";
        long clock = 1_764_763_200L;
        String mtu = "1500";
        /** Its Docker engine stopped: docker calls fail as they do then. */
        boolean engineDown;
        /** Ports of the manager this node cannot reach ("10.77.0.1:2377"). */
        final java.util.Set<String> blocked = new java.util.HashSet<>();

        Engine(String name, String addr) {
            this.name = name;
            this.addr = addr;
            this.id = "id" + name;
        }

        @Override
        public ExecResult exec(RemoteCommand c, byte[] stdin, Duration timeout) {
            calls.add(new Call(name, c, stdin == null ? null : new String(stdin, StandardCharsets.UTF_8)));
            List<String> a = c.argv();
            String line = String.join(" ", a);
            if (engineDown && a.get(0).equals("docker")) {
                return new ExecResult(1, "", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.");
            }
            if (line.equals("docker info --format {{json .Swarm}}")) {
                return ok("{\"NodeID\":\"" + (state.equals("active") ? id : "") + "\",\"NodeAddr\":\"" + addr
                        + "\",\"LocalNodeState\":\"" + (state.equals("left") ? "inactive" : state)
                        + "\",\"ControlAvailable\":" + manager
                        + ",\"Error\":\"\",\"RemoteManagers\":null}\n");
            }
            if (a.get(0).equals("sh") && a.get(2).contains("docker version")) {
                return ok(version + " " + clock + " " + mtu + "\n");
            }
            if (a.get(0).equals("sh") && a.get(2).contains("/dev/tcp")) {
                String to = a.get(a.size() - 2) + ":" + a.get(a.size() - 1);
                boolean listens = engines.values().stream().anyMatch(e -> e.manager && e.addr.equals(a.get(a.size() - 2)));
                return ok(listens && !blocked.contains(to) ? "open\n" : "closed\n");
            }
            if (line.equals("docker swarm leave")) {
                if (manager) {
                    return new ExecResult(1, "", "Error response from daemon: You are attempting to leave the swarm on a"
                            + " node that is participating as a manager.");
                }
                state = "left";
                return ok("Node left the swarm.\n");
            }
            if (line.startsWith("docker node rm ")) {
                Engine gone = engines.values().stream().filter(e -> e.id.equals(a.get(3))).findFirst().orElse(null);
                if (gone == null || !gone.state.equals("left")) {
                    return new ExecResult(1, "", "Error response from daemon: node is not down and can't be removed");
                }
                gone.state = "inactive";
                gone.labels.clear(); // a node's labels live in the swarm's record of it
                return ok(a.get(3) + "\n");
            }
            if (line.equals("docker swarm leave --force")) {
                state = "inactive";
                manager = false;
                return ok("Node left the swarm.\n");
            }
            if (line.startsWith("docker swarm init")) {
                state = "active";
                manager = true;
                clusterManager = addr;
                return ok("Swarm initialized: current node (" + id + ") is now a manager.\n");
            }
            if (line.startsWith("docker swarm join-token -q ")) {
                return ok((a.get(a.size() - 1).equals("worker") ? workerToken : managerToken) + "\n");
            }
            if (a.get(0).equals("sh") && a.get(2).contains("docker swarm join")) {
                String token = stdin == null ? "" : new String(stdin, StandardCharsets.UTF_8).strip();
                if (!a.get(a.size() - 1).equals(clusterManager)) {
                    return new ExecResult(1, "", "Error response from daemon: no manager at " + a.get(a.size() - 1));
                }
                if (!token.equals(workerToken) && !token.equals(managerToken)) {
                    return new ExecResult(1, "", "Error response from daemon: invalid join token");
                }
                state = "active";
                manager = token.equals(managerToken);
                if (++joins == rotateAfterJoins) {
                    workerToken = workerToken + "-next";
                }
                return ok("This node joined a swarm as a " + (manager ? "manager" : "worker") + ".\n");
            }
            if (line.startsWith("docker node ls")) {
                StringBuilder sb = new StringBuilder();
                for (Engine e : engines.values()) {
                    if (e.state.equals("active") || e.state.equals("left")) {
                        sb.append(e.id).append('\t').append(e.name).append(e.state.equals("left") ? "\tDown\tActive\t"
                                        : "\tReady\tActive\t")
                                .append(e.manager ? (e.addr.equals(clusterManager) ? "Leader" : "Reachable") : "")
                                .append('\n');
                    }
                }
                return ok(sb.toString());
            }
            if (line.startsWith("docker node update --label-add ")) {
                Engine target = engines.values().stream().filter(e -> e.id.equals(a.get(a.size() - 1))).findFirst()
                        .orElseThrow();
                target.labels.add(a.get(4));
                return ok(target.id + "\n");
            }
            return new ExecResult(127, "", "unexpected: " + line);
        }

        private ExecResult ok(String out) {
            return new ExecResult(0, out, "");
        }

        @Override
        public int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                                 Duration idleTimeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener,
                                   Duration idleTimeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String hostKeyFingerprint() {
            return "SHA256:" + name;
        }

        @Override
        public void close() {
        }
    }

    Engine engine(String name, String addr) {
        Engine e = new Engine(name, addr);
        engines.put(name, e);
        return e;
    }
}
