package dev.berth.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.Credentials;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/*
 * How long: 9-14 s on this machine's 2 cores, measured over four runs (the test prints its own numbers): swarm-up
 * 0.9 s from nothing, 0.2 s when the nodes are up; forming the 3-node swarm 0.6-1 s; the global service running on
 * every node 1.4-1.6 s; the overlay check 0.5 s; the cleanup 4.6-6.3 s (each `docker swarm leave --force` takes
 * 1-2 s).
 *
 * The smoke test of the cluster test environment (scripts/test-env.sh swarm-up), not of Berth: three nodes, each a
 * network namespace with its own dockerd 20.10 and sshd, reached from here (the laptop) as root over SSH. It forms
 * a swarm, runs one global service on every node, and checks what the cluster tests rely on: every node Ready, a
 * `mode: host` port answering on each node's address from the laptop, and the overlay network carrying traffic
 * between nodes under the service's name (endpoint_mode dnsrr: this kernel has no IPVS, so no VIPs and no routing
 * mesh). busybox's nc answers, since its wget crashes inside Swarm tasks. It leaves every node out of any swarm.
 */
@IntegrationTest
class SwarmNodesTest {
    private static final String NETWORK = "berth-smoke";
    private static final String SERVICE = "berth-smoke";
    private static final int PUBLISHED = 18090;
    private static final Duration CALL = Duration.ofSeconds(60);

    @Test
    void threeNodesFormASwarmWhoseOverlayCarriesAServiceBetweenThem() throws Exception {
        TestTarget target = TestTarget.get();
        long t0 = System.nanoTime();
        target.startSwarmNodes();
        System.out.printf("swarm-up took %d ms%n", millisSince(t0));
        List<String> addresses = target.swarmNodes();
        List<String> names = target.swarmNodeNames();
        assertEquals(3, addresses.size(), addresses.toString());
        Path home = TestTarget.newBerthHome();
        List<RemoteShell> nodes = new ArrayList<>();
        try {
            formAndCheck(target, addresses, names, home, nodes);
            for (int i = 0; i < nodes.size(); i++) {
                assertEquals("inactive", ok(nodes.get(i), "docker", "info", "--format",
                        "{{.Swarm.LocalNodeState}}").strip(), names.get(i) + " is left out of any swarm");
            }
        } finally {
            nodes.forEach(RemoteShell::close);
        }
    }

    /** Connects to every node (into nodes), forms the swarm, runs the service, checks it, and leaves the swarm. */
    private static void formAndCheck(TestTarget target, List<String> addresses, List<String> names, Path home,
                                     List<RemoteShell> nodes) throws Exception {
        try {
            for (String address : addresses) {
                nodes.add(TestTarget.isolatedConnector().connect(target.swarmNodeSpec(address), Credentials.none(),
                        HostKeyStore.inHome(home), HostKeyDecision.REFUSE, Duration.ofSeconds(20)));
            }
            for (int i = 0; i < nodes.size(); i++) {
                String[] info = ok(nodes.get(i), "docker", "info", "--format",
                        "{{.Name}} {{.Swarm.LocalNodeState}} {{.ServerVersion}}").strip().split(" ");
                System.out.printf("%s: %s%n", addresses.get(i), String.join(" ", info));
                assertEquals(names.get(i), info[0], "each node's engine is its own, named after the node");
                assertTrue(info[2].startsWith("20.10"), "Debian's engine: " + info[2]);
                if (!"inactive".equals(info[1])) {
                    // A run that died before its cleanup left this node in a swarm.
                    System.out.printf("%s was %s: leaving that swarm first%n", names.get(i), info[1]);
                    ok(nodes.get(i), "docker", "swarm", "leave", "--force");
                }
            }

            long t1 = System.nanoTime();
            RemoteShell manager = nodes.get(0);
            ok(manager, "docker", "swarm", "init", "--advertise-addr", addresses.get(0));
            String token = ok(manager, "docker", "swarm", "join-token", "-q", "worker").strip();
            for (RemoteShell worker : nodes.subList(1, nodes.size())) {
                ok(worker, "docker", "swarm", "join", "--token", token, addresses.get(0) + ":2377");
            }
            Set<String> ready = Set.of();
            for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; ) {
                ready = readyNodes(manager);
                if (ready.size() == 3) {
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf("forming the 3-node swarm took %d ms%n", millisSince(t1));
            assertEquals(new TreeSet<>(names), ready, "docker node ls on the manager: every node Ready");

            long t2 = System.nanoTime();
            ok(manager, "docker", "network", "create", "--driver", "overlay", "--attachable", NETWORK);
            // Detached, and polled: --detach=false would add its own 5 s of watching the tasks stay up. Each task
            // answers with its node's name.
            ok(manager, "docker", "service", "create", "--detach", "--quiet", "--name", SERVICE,
                    "--mode", "global", "--endpoint-mode", "dnsrr", "--network", NETWORK,
                    "--hostname", "{{.Node.Hostname}}",
                    // nc as PID 1 ignores SIGTERM: without this each task takes 10 s to stop at the cleanup.
                    "--stop-grace-period", "1s",
                    "--publish", "mode=host,target=8080,published=" + PUBLISHED,
                    "berth-demo/base:1.0", "nc", "-ll", "-p", "8080", "-e", "hostname");
            String replicas = "";
            for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < end; ) {
                replicas = ok(manager, "docker", "service", "ls", "--filter", "name=" + SERVICE, "--format",
                        "{{.Replicas}}").strip();
                if (replicas.equals("3/3")) {
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf("the global service converged in %d ms%n", millisSince(t2));
            assertEquals("3/3", replicas, "a running task on every node");

            for (int i = 0; i < addresses.size(); i++) {
                assertEquals(names.get(i), answer(addresses.get(i), PUBLISHED),
                        "the host-mode port on " + addresses.get(i) + ", from the laptop");
            }

            // From a container on the second node: every task of the service by its DNS name, across the overlay.
            long t3 = System.nanoTime();
            Set<String> reached = Set.of();
            String last = "";
            for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; ) {
                last = ok(nodes.get(1), "docker", "run", "--rm", "--network", NETWORK, "berth-demo/base:1.0", "sh",
                        "-c", "for ip in $(nslookup tasks." + SERVICE + " | sed -n 's/^Address: \\([0-9.]*\\)$/\\1/p');"
                                + " do echo | nc -w 3 \"$ip\" 8080; done; echo \"by name: $(echo | nc -w 3 "
                                + SERVICE + " 8080)\"");
                reached = new TreeSet<>(last.lines().filter(l -> !l.startsWith("by name:")).map(String::strip)
                        .filter(l -> !l.isEmpty()).toList());
                if (reached.size() == 3) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf("overlay check from %s took %d ms:%n%s", names.get(1), millisSince(t3), last);
            assertEquals(new TreeSet<>(names), reached, "a task on every node answered over the overlay: " + last);
            String byName = last.lines().filter(l -> l.startsWith("by name: ")).findFirst().orElse("")
                    .substring("by name: ".length()).strip();
            assertTrue(names.contains(byName), "the service's name answers: " + last);
        } finally {
            long t4 = System.nanoTime();
            leaveSwarm(nodes);
            System.out.printf("cleanup took %d ms%n", millisSince(t4));
        }
    }

    private static Set<String> readyNodes(RemoteShell manager) throws SshException {
        Set<String> ready = new TreeSet<>();
        for (String line : ok(manager, "docker", "node", "ls", "--format", "{{.Hostname}} {{.Status}}").split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 2 && "Ready".equals(f[1])) {
                ready.add(f[0]);
            }
        }
        return ready;
    }

    /** Service, network, then every node out of the swarm, workers first; whatever the test got to. */
    private static void leaveSwarm(List<RemoteShell> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        quietly(nodes.get(0), "docker", "service", "rm", SERVICE);
        quietly(nodes.get(0), "docker", "network", "rm", NETWORK);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            quietly(nodes.get(i), "docker", "swarm", "leave", "--force");
        }
    }

    private static void quietly(RemoteShell shell, String... argv) {
        try {
            long t = System.nanoTime();
            ExecResult r = shell.exec(RemoteCommand.of(argv), CALL);
            System.out.printf("cleanup: %s: exit %d in %d ms%n", String.join(" ", argv), r.exitCode(), millisSince(t));
        } catch (SshException e) {
            System.out.println("cleanup: " + String.join(" ", argv) + ": " + e.getMessage());
        }
    }

    private static String ok(RemoteShell shell, String... argv) throws SshException {
        ExecResult r = shell.exec(RemoteCommand.of(argv), CALL);
        assertEquals(0, r.exitCode(), () -> String.join(" ", argv) + " failed: " + r.stderr() + r.stdout());
        return r.stdout();
    }

    /** What the task listening on address:port says to an empty request. */
    private static String answer(String address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 5000);
            s.setSoTimeout(5000);
            s.shutdownOutput();
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
