package dev.berth.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.cluster.SwarmCommands;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.TaskExecutor;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Server step with several servers: a node table whose rows are tested one by one against each node's recorded
 * answers (docker info's swarm object from the test env's real swarm), and Next only for a cluster Swarm can be.
 */
class ServerClusterTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    /** Each host's scripted server; a host without one cannot be reached. */
    private final Map<String, ScriptedShell> servers = new HashMap<>();
    private final Set<String> keysSeen = new HashSet<>();
    /** Whether each host was offered a password on connecting. */
    private final Map<String, Boolean> passwordsOffered = new HashMap<>();
    private final WizardModel model = new WizardModel(new I18n(Locale.ENGLISH), TaskExecutor.direct(), dialogs,
            TestTarget.tempDir("berth-ui-home"), UiTestModels.bundles(), (spec, creds, store, decision, timeout) -> {
                ScriptedShell shell = servers.get(spec.host());
                passwordsOffered.put(spec.host(), creds.hasPassword());
                if (shell == null) {
                    throw new SshException(SshException.Kind.UNREACHABLE, Localized.of("无法连接 " + spec.host() + "。",
                            "Cannot reach " + spec.host() + "."));
                }
                // As SshConnector: a key seen for the first time is shown, and refused unless the operator trusts it.
                if (keysSeen.add(spec.host()) && !decision.trust(spec.host() + ":" + spec.port(), "ssh-ed25519",
                        shell.hostKeyFingerprint())) {
                    keysSeen.remove(spec.host());
                    throw new SshException(SshException.Kind.HOST_KEY_UNKNOWN, Localized.of("未信任主机密钥。",
                            "The host key was not trusted."));
                }
                return shell;
            });
    private final ServerViewModel vm = new ServerViewModel(model);

    private static ScriptedShell server(String swarmInfo) {
        return new ScriptedShell().answer(Privilege.ID_U, Recorded.result("id-u-root.txt"))
                .answer(new SwarmCommands(Privilege.NONE).info(), Recorded.result(swarmInfo + ".txt"));
    }

    private NodeRow row(String name, String address, ClusterNode.Role role, String labels) {
        NodeRow r = vm.addNode();
        r.nameProperty().set(name);
        r.addressProperty().set(address);
        r.roleProperty().set(role);
        r.labelsProperty().set(labels);
        return r;
    }

    /** Several servers, the first row made the manager (as a new table starts), then two workers. */
    private List<NodeRow> threeNodes() {
        vm.installDirProperty().set("/opt/berth/demo");
        vm.modeProperty().set(ServerMode.CLUSTER);
        NodeRow first = vm.nodes().get(0);
        first.nameProperty().set("n1");
        first.addressProperty().set("root@10.77.0.1");
        first.labelsProperty().set("data");
        return List.of(first, row("n2", "root@10.77.0.2", ClusterNode.Role.WORKER, "app, gpu"),
                row("n3", "root@10.77.0.3:2222", ClusterNode.Role.WORKER, ""));
    }

    @Test
    void eachNodeIsTestedOnItsOwnAndTheStepHoldsTheClusterWhenAllPass() {
        servers.put("10.77.0.1", server("swarm-info-manager"));
        servers.put("10.77.0.2", server("swarm-info-worker"));
        servers.put("10.77.0.3", server("swarm-info-inactive"));
        List<NodeRow> rows = threeNodes();
        assertEquals(ClusterNode.Role.MANAGER, rows.get(0).roleProperty().get(), "a new table starts with its manager");
        assertFalse(vm.isValid());
        assertTrue(vm.clusterProblemProperty().get().en().contains("node n1 has not passed its test"),
                vm.clusterProblemProperty().get().en());

        rows.forEach(vm::testNode);

        assertEquals("Connected: manager of a swarm (10.77.0.1).", rows.get(0).resultProperty().get().en());
        assertEquals("Connected: member of a swarm (10.77.0.2).", rows.get(1).resultProperty().get().en());
        assertEquals("Connected: in no swarm yet (Berth forms it on deploy).", rows.get(2).resultProperty().get().en());
        assertTrue(rows.get(2).resultProperty().get().zh().contains("尚未加入任何 Swarm"));
        assertEquals(List.of("SHA256:scripted", "SHA256:scripted", "SHA256:scripted"), dialogs.fingerprintsShown,
                "each node's host key is shown once, as for one server");
        assertTrue(vm.isValid(), String.valueOf(vm.clusterProblemProperty().get()));

        ClusterSpec cluster = model.cluster();
        assertNotNull(cluster, "the model holds the cluster for the steps that follow");
        assertEquals(List.of("n1", "n2", "n3"), cluster.nodes().stream().map(ClusterNode::name).toList());
        assertEquals(List.of("app", "gpu"), cluster.nodes().get(1).labels());
        assertEquals(2222, cluster.nodes().get(2).target().port());
        assertEquals("SHA256:scripted", cluster.nodes().get(0).target().hostKey(), "the key that was trusted is pinned");
        assertEquals("/opt/berth/demo", cluster.nodes().get(1).target().installDir());
        assertEquals("10.77.0.1", model.target().host(), "the first manager is the server the checks talk to");
    }

    @Test
    void anEditUndoesThatNodesTestAndARemovedNodeIsDisconnected() throws Exception {
        servers.put("10.77.0.1", server("swarm-info-manager"));
        servers.put("10.77.0.2", server("swarm-info-worker"));
        servers.put("10.77.0.3", server("swarm-info-inactive"));
        List<NodeRow> rows = threeNodes();
        rows.forEach(vm::testNode);
        assertTrue(vm.isValid());

        rows.get(1).labelsProperty().set("app");
        assertEquals(NodeRow.Test.UNTESTED, rows.get(1).testProperty().get());
        assertFalse(vm.isValid(), "the test stood for the row as it was");
        assertNull(model.cluster());
        assertTrue(servers.get("10.77.0.2").closed(), "its connection is closed with it");

        vm.testNode(rows.get(1));
        assertTrue(vm.isValid());
        vm.removeNode(rows.get(2));
        assertTrue(servers.get("10.77.0.3").closed());
        assertTrue(vm.isValid(), "two tested nodes, one manager");
        assertEquals(2, model.cluster().nodes().size());
    }

    @Test
    void theStepNeedsOneThreeOrFiveManagersAndUniqueNames() {
        servers.put("10.77.0.1", server("swarm-info-inactive"));
        servers.put("10.77.0.2", server("swarm-info-inactive"));
        servers.put("10.77.0.3", server("swarm-info-inactive"));
        List<NodeRow> rows = threeNodes();
        rows.forEach(vm::testNode);
        assertTrue(vm.isValid());

        rows.get(1).roleProperty().set(ClusterNode.Role.MANAGER);
        assertEquals("A swarm needs 1, 3 or 5 managers (there are 2): its managers work by majority.",
                vm.clusterProblemProperty().get().en());
        rows.get(1).roleProperty().set(ClusterNode.Role.WORKER);
        rows.get(0).roleProperty().set(ClusterNode.Role.WORKER);
        assertTrue(vm.clusterProblemProperty().get().en().contains("(there are 0)"));
        rows.get(0).roleProperty().set(ClusterNode.Role.MANAGER);

        rows.get(2).nameProperty().set("n2");
        assertEquals("The node name n2 is used twice: each server needs its own.", vm.clusterProblemProperty().get().en());
        assertFalse(vm.isValid());
        rows.get(2).nameProperty().set("Bad Name");
        assertTrue(rows.get(2).problemProperty().get().en().startsWith("A node name takes lower-case letters"));
        rows.get(2).nameProperty().set("n3");
        rows.get(2).labelsProperty().set("app,GPU!");
        assertEquals("Node n3's label GPU! may only hold lower-case letters, digits and _.-.",
                rows.get(2).problemProperty().get().en());
        rows.get(2).addressProperty().set("root@");
        assertNotNull(rows.get(2).problemProperty().get());
        vm.testNode(rows.get(2));
        assertEquals(NodeRow.Test.UNTESTED, rows.get(2).testProperty().get(), "a row with a wrong field is not tested");
    }

    @Test
    void aNodeWhoseEngineDoesNotAnswerOrCannotBeReachedFailsItsTestInOneSentence() {
        servers.put("10.77.0.1", server("swarm-info-inactive"));
        servers.put("10.77.0.2", server("swarm-info-no-engine"));
        List<NodeRow> rows = threeNodes(); // 10.77.0.3 has no server
        rows.forEach(vm::testNode);

        assertEquals(NodeRow.Test.OK, rows.get(0).testProperty().get());
        assertEquals(NodeRow.Test.FAILED, rows.get(1).testProperty().get());
        assertEquals("Connected, but Docker on this server does not answer: Cannot connect to the Docker daemon at"
                + " unix:///tmp/wc/none.sock. Is the docker daemon running?", rows.get(1).resultProperty().get().en());
        assertTrue(rows.get(1).resultProperty().get().zh().startsWith("已连接，但这台服务器上的 Docker 没有响应"));
        assertEquals(NodeRow.Test.FAILED, rows.get(2).testProperty().get());
        assertEquals("Cannot reach 10.77.0.3.", rows.get(2).resultProperty().get().en());
        assertFalse(vm.isValid());
        assertNull(model.cluster());
    }

    @Test
    void aRefusedHostKeyLeavesTheNodeUntrustedAndUntested() {
        servers.put("10.77.0.1", server("swarm-info-inactive"));
        List<NodeRow> rows = threeNodes();
        dialogs.trustKeys = false;
        vm.testNode(rows.get(0));
        assertEquals(NodeRow.Test.FAILED, rows.get(0).testProperty().get());
        assertEquals("The host key was not trusted.", rows.get(0).resultProperty().get().en());
        dialogs.trustKeys = true;
        vm.testNode(rows.get(0));
        assertEquals(NodeRow.Test.OK, rows.get(0).testProperty().get());
    }

    @Test
    void switchingBetweenOneAndSeveralServersNeedsTheChosenOnesTested() {
        ScriptedShell single = new ScriptedShell();
        servers.put("192.0.2.10", single);
        servers.put("10.77.0.1", server("swarm-info-inactive"));
        servers.put("10.77.0.2", server("swarm-info-inactive"));
        servers.put("10.77.0.3", server("swarm-info-inactive"));
        vm.hostProperty().set("192.0.2.10");
        vm.authProperty().set(AuthMethod.AGENT);
        vm.installDirProperty().set("/opt/berth/demo");
        vm.testConnection();
        assertTrue(vm.isValid(), String.valueOf(vm.getProblem()));

        threeNodes().forEach(vm::testNode);
        assertTrue(vm.isValid());
        assertNotNull(model.cluster());
        assertTrue(single.closed(), "the one server's connection does not stand for the cluster");

        vm.modeProperty().set(ServerMode.ONE);
        assertNull(model.cluster(), "a deploy to one server takes the one-server path");
        assertFalse(vm.isValid(), "the one-server form is tested again: the model's server was the cluster's manager");
        vm.testConnection();
        assertTrue(vm.isValid());
        assertEquals("192.0.2.10", model.target().host());
    }

    @Test
    void aSavedClusterFillsTheTableToBeTestedAgain() {
        ClusterSpec saved = new ClusterSpec(List.of(
                new ClusterNode("m1", TargetSpec.parse("root@10.77.0.1").withHostKey("SHA256:old"), ClusterNode.Role.MANAGER,
                        List.of("data")),
                new ClusterNode("w1", TargetSpec.parse("ops@10.77.0.2:2222"), ClusterNode.Role.WORKER, List.of("app", "gpu"))));
        vm.fillCluster(saved, "/opt/berth/demo");
        assertEquals(ServerMode.CLUSTER, vm.modeProperty().get());
        assertEquals(2, vm.nodes().size());
        assertEquals("ops@10.77.0.2:2222", vm.nodes().get(1).addressProperty().get());
        assertEquals("app, gpu", vm.nodes().get(1).labelsProperty().get());
        assertEquals(ClusterNode.Role.MANAGER, vm.nodes().get(0).roleProperty().get());
        assertFalse(vm.isValid(), "every node is tested again");

        vm.fill(TargetSpec.parse("ops@192.0.2.10"));
        assertEquals(ServerMode.ONE, vm.modeProperty().get(), "a one-server profile opens the one-server form");
        assertEquals("192.0.2.10", vm.hostProperty().get());
    }

    @Test
    void aNodeThatLogsInWithAPasswordIsOfferedItsOwnAndNoOtherNodeIs() {
        servers.put("10.77.0.1", server("swarm-info-manager"));
        servers.put("10.77.0.2", server("swarm-info-worker"));
        servers.put("10.77.0.3", server("swarm-info-inactive"));
        List<NodeRow> rows = threeNodes();
        rows.get(1).loginProperty().set(dev.berth.ssh.LoginMethod.PASSWORD);
        assertEquals("Type node n2's password, then test it.", rows.get(1).problemProperty().get().en());
        rows.get(1).passwordProperty().set("n2-secret");
        assertNull(rows.get(1).problemProperty().get());

        rows.forEach(vm::testNode);

        assertTrue(vm.isValid(), String.valueOf(vm.clusterProblemProperty().get()));
        assertEquals(Map.of("10.77.0.1", false, "10.77.0.2", true, "10.77.0.3", false), passwordsOffered,
                "the password typed for n2 goes to n2 alone");
        assertEquals(dev.berth.ssh.LoginMethod.PASSWORD, model.cluster().nodes().get(1).login(),
                "a profile saved from it asks the password again");
    }
}
