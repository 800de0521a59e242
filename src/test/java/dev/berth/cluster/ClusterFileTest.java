package dev.berth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster file: what it says is read as written, and each mistake is one sentence naming the node and key. */
class ClusterFileTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("cluster.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private String refusal(String yaml) throws Exception {
        Path f = file(yaml);
        ClusterException e = assertThrows(ClusterException.class, () -> ClusterFile.read(f));
        return e.sentence().en();
    }

    @Test
    void eachServerHasItsOwnLoginRoleAndLabels() throws Exception {
        Files.writeString(dir.resolve("n2.key"), "key");
        ClusterSpec c = ClusterFile.read(file("""
                nodes:
                  - {name: n1, target: "root@10.0.0.1", role: manager, hostKey: "SHA256:abc", labels: [data]}
                  - {name: n2, target: "ops@10.0.0.2:2222", identity: n2.key, jump: "me@bastion", labels: [app, gpu]}
                  - {name: n3, target: "10.0.0.3"}
                """));
        assertEquals(List.of("n1", "n2", "n3"), c.nodes().stream().map(ClusterNode::name).toList());
        assertEquals("n1", c.leader().name());
        ClusterNode n2 = c.nodes().get(1);
        assertEquals(ClusterNode.Role.WORKER, n2.role(), "worker unless it says manager");
        assertEquals("ops", n2.target().user());
        assertEquals(2222, n2.target().port());
        assertEquals(dir.resolve("n2.key").toAbsolutePath(), n2.target().identity(), "relative to the cluster file");
        assertEquals("bastion", n2.target().jump().host());
        assertEquals(List.of("app", "gpu"), n2.labels());
        assertEquals("SHA256:abc", c.leader().target().hostKey());
    }

    @Test
    void aServerMayLogInWithTheAgentOrAPasswordOfItsOwnAskedEachTime() throws Exception {
        ClusterSpec c = ClusterFile.read(file("""
                nodes:
                  - {name: n1, target: "root@10.0.0.1", role: manager}
                  - {name: n2, target: "ops@10.0.0.2", login: agent}
                  - {name: n3, target: "ops@10.0.0.3", login: password}
                """));
        assertEquals(List.of(dev.berth.ssh.LoginMethod.KEY, dev.berth.ssh.LoginMethod.AGENT,
                dev.berth.ssh.LoginMethod.PASSWORD), c.nodes().stream().map(ClusterNode::login).toList());
        assertTrue(refusal("nodes:\n  - {name: n1, target: \"10.0.0.1\", role: manager, login: token}\n")
                .endsWith("node n1: login must be key, agent or password (it says token)."));
    }

    @Test
    void aSwarmNeedsAnOddNumberOfManagersUpToFive() throws Exception {
        assertTrue(refusal("""
                nodes:
                  - {name: n1, target: "10.0.0.1", role: manager}
                  - {name: n2, target: "10.0.0.2", role: manager}
                """).endsWith("needs 1, 3 or 5 managers (it lists 2): a swarm's managers work by majority."));
        assertTrue(refusal("nodes:\n  - {name: n1, target: \"10.0.0.1\"}\n").contains("(it lists 0)"));
    }

    @Test
    void mistakesNameTheNodeAndTheKey() throws Exception {
        assertTrue(refusal("nodes:\n  - {name: n1, target: \"10.0.0.1\", role: boss}\n")
                .endsWith("node n1: role must be manager or worker (it says boss)."));
        assertTrue(refusal("""
                nodes:
                  - {name: n1, target: "10.0.0.1", role: manager}
                  - {name: n1, target: "10.0.0.2"}
                """).endsWith("node n1 is listed twice."));
        assertTrue(refusal("""
                nodes:
                  - {name: n1, target: "10.0.0.1", role: manager}
                  - {name: n2, target: "root@10.0.0.1"}
                """).endsWith("node n2 has the same address as another node (10.0.0.1)."));
        assertTrue(refusal("nodes:\n  - {name: n1, target: \"10.0.0.1\", role: manager, labels: [Data]}\n")
                .endsWith("node n1: label Data may only hold lower-case letters, digits and _.-."));
        assertTrue(refusal("nodes:\n  - {name: n1, target: \"10.0.0.1\", role: manager, password: x}\n")
                .endsWith("nodes[1] has an unknown key password."), "no password in a cluster file");
        assertTrue(refusal("servers: []\n").endsWith("needs a nodes: list with one entry per server."));
        assertTrue(refusal("nodes:\n  - {name: n1, target: \"10.0.0.1\", role: manager, identity: nope.key}\n")
                .contains("node n1: the key file " + dir.resolve("nope.key") + " cannot be read."));
    }
}
