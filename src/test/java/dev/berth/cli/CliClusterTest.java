package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * berth cluster on a real three-node Swarm: three Docker 20.10 engines, each in its own network namespace with its own
 * sshd (scripts/test-env.sh swarm-up), reached over SSH like three servers. Forming makes one swarm with the first
 * manager leading and the labels set; forming again uses it as it is; a listed server outside it is refused.
 */
@IntegrationTest
class CliClusterTest {
    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    private static List<String> nodes;
    private static List<String> sockets;

    @BeforeAll
    static void nodes() {
        TestTarget t = TestTarget.get();
        TestTarget.runLocalOk(t.property("swarm.start"));
        nodes = List.of(t.property("swarm.nodes").split(","));
        sockets = List.of(t.property("swarm.sockets").split(","));
        leaveAll();
    }

    /** Each test starts with the nodes in no swarm. */
    @org.junit.jupiter.api.AfterEach
    void leave() {
        leaveAll();
    }

    @AfterAll
    static void leaveAll() {
        for (String s : sockets) {
            TestTarget.runLocal(docker(s) + " swarm leave --force", Duration.ofSeconds(60));
        }
    }

    private static String docker(String socket) {
        return TestTarget.get().dockerCmd() + " -H unix://" + socket;
    }

    private static Path clusterFile() throws Exception {
        TestTarget t = cli.target();
        String port = t.property("swarm.ssh.port");
        StringBuilder yaml = new StringBuilder("nodes:\n");
        String[] labels = {"[data]", "[app]", "[app]"};
        for (int i = 0; i < nodes.size(); i++) {
            yaml.append("  - name: n").append(i + 1).append('\n')
                    .append("    target: \"root@").append(nodes.get(i)).append(':').append(port).append("\"\n")
                    .append("    identity: ").append(t.ed25519Key()).append('\n')
                    .append("    hostKey: \"").append(t.hostKeyFingerprint()).append("\"\n")
                    .append("    role: ").append(i == 0 ? "manager" : "worker").append('\n')
                    .append("    labels: ").append(labels[i]).append('\n');
        }
        Path f = Files.createTempFile("cluster", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aFirewallBetweenTheNodesIsFoundFromTheNodesAndLeavesNoHalfMadeSwarm() throws Exception {
        String names = TestTarget.get().property("swarm.node.names");
        String n3 = names.split(",")[2];
        // n3 drops what it sends to the manager's join port, as a firewall between two servers would.
        String rule = "OUTPUT -d " + nodes.get(0) + " -p tcp --dport 2377 -j DROP";
        TestTarget.runLocalOk("ip netns exec " + n3 + " iptables -I " + rule);
        try {
            CliRun form = CliRun.run("cluster", "form", "--cluster", clusterFile().toString());
            assertEquals(ExitCode.PREFLIGHT_FAILED, form.exitCode(), form.toString());
            assertTrue(form.err().contains("Ports are blocked between the nodes: n3 → n1 TCP 2377. Open TCP 2377, TCP and"
                    + " UDP 7946 and UDP 4789 between the servers"), form.toString());
            for (String s : sockets) {
                assertEquals("inactive", TestTarget.runLocalOk(docker(s) + " info --format '{{.Swarm.LocalNodeState}}'")
                        .strip(), "no half-made swarm on " + s);
            }
        } finally {
            TestTarget.runLocal("ip netns exec " + n3 + " iptables -D " + rule, Duration.ofSeconds(20));
        }
    }

    @Test
    void aNodeWithAnotherMtuIsRefusedBeforeTheSwarmIsMade() throws Exception {
        String n3 = TestTarget.get().property("swarm.node.names").split(",")[2];
        String mtu = TestTarget.runLocalOk("ip -n " + n3 + " -o link show eth0"
                + " | sed 's/.* mtu \\([0-9]*\\).*/\\1/'").strip();
        TestTarget.runLocalOk("ip -n " + n3 + " link set eth0 mtu " + (Integer.parseInt(mtu) - 100));
        try {
            CliRun form = CliRun.run("cluster", "form", "--cluster", clusterFile().toString());
            assertEquals(ExitCode.PREFLIGHT_FAILED, form.exitCode(), form.toString());
            assertTrue(form.err().contains("The nodes' network MTUs differ ({n1=" + mtu + ", n2=" + mtu + ", n3="
                    + (Integer.parseInt(mtu) - 100) + "})"), form.toString());
            for (String s : sockets) {
                assertEquals("inactive", TestTarget.runLocalOk(docker(s) + " info --format '{{.Swarm.LocalNodeState}}'")
                        .strip(), "nothing made on " + s);
            }
        } finally {
            TestTarget.runLocal("ip -n " + n3 + " link set eth0 mtu " + mtu, Duration.ofSeconds(20));
        }
    }

    @Test
    void threeServersBecomeOneSwarmWhichIsThenUsedAsItIsAndAnOutsiderIsRefused() throws Exception {
        String file = clusterFile().toString();
        CliRun before = CliRun.run("cluster", "status", "--cluster", file);
        assertEquals(ExitCode.PREFLIGHT_FAILED, before.exitCode(), before.toString());
        assertTrue(before.err().contains("n1 manages no swarm yet: run berth cluster form first."), before.toString());

        CliRun form = CliRun.run("cluster", "form", "--cluster", file);
        assertEquals(ExitCode.OK, form.exitCode(), form.toString());
        assertTrue(form.err().contains("The swarm is formed: 3 nodes."), form.toString());
        assertEquals(3, form.out().lines().filter(l -> l.contains("  Ready  Active  ")).count(), form.toString());
        assertTrue(form.out().lines().findFirst().orElseThrow().contains("manager (Leader)"), form.toString());
        assertTrue(!form.out().contains("SWMTKN") && !form.err().contains("SWMTKN"), "no join token shown");
        String manager = docker(sockets.get(0));
        assertEquals("3", TestTarget.runLocalOk(manager + " info --format '{{.Swarm.Nodes}}'").strip());
        String labels = TestTarget.runLocalOk(manager + " node ls -q | xargs " + manager
                + " node inspect --format '{{.Status.Addr}} {{json .Spec.Labels}}'");
        assertTrue(labels.contains(nodes.get(0) + " {\"berth.data\":\"true\",\"berth.leader\":\"true\"}"), labels);
        assertTrue(labels.contains(nodes.get(2) + " {\"berth.app\":\"true\"}"), labels);

        CliRun again = CliRun.run("cluster", "form", "--cluster", file);
        assertEquals(ExitCode.OK, again.exitCode(), again.toString());
        assertTrue(again.err().contains("These servers already form a swarm; it is used as it is."), again.toString());

        CliRun remove = CliRun.run("cluster", "remove", "n3", "--cluster", file);
        assertEquals(ExitCode.OK, remove.exitCode(), remove.toString());
        assertEquals("2", TestTarget.runLocalOk(manager + " info --format '{{.Swarm.Nodes}}'").strip(),
                "n3 left and the manager forgot it");
        CliRun outsider = CliRun.run("cluster", "form", "--cluster", file);
        assertEquals(ExitCode.PREFLIGHT_FAILED, outsider.exitCode(), outsider.toString());
        assertTrue(outsider.err().contains("n3 is not a member of the swarm n1 manages"), outsider.toString());
        CliRun manager1 = CliRun.run("cluster", "remove", "n1", "--cluster", file);
        assertEquals(ExitCode.INVALID_INPUT, manager1.exitCode(), manager1.toString());

        CliRun join = CliRun.run("cluster", "join", "n3", "--cluster", file);
        assertEquals(ExitCode.OK, join.exitCode(), join.toString());
        assertEquals(3, join.out().lines().filter(l -> l.contains("  Ready  Active  ")).count(), join.toString());
        assertTrue(TestTarget.runLocalOk(manager + " node ls -q | xargs " + manager
                + " node inspect --format '{{.Status.Addr}} {{json .Spec.Labels}}'").contains(nodes.get(2)
                + " {\"berth.app\":\"true\"}"), "labelled again");
    }
}
