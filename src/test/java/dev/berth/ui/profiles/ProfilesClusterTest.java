package dev.berth.ui.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.cluster.SwarmCommands;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileNode;
import dev.berth.profile.ProfileStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.Step;
import dev.berth.ui.TaskExecutor;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.Wizard;
import dev.berth.ui.WizardModel;
import dev.berth.ui.server.NodeRow;
import dev.berth.ui.server.ServerMode;
import dev.berth.ui.server.ServerViewModel;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Cluster profiles in the wizard, without a screen: opening one fills the Server step's node table (never the
 * one-server form with its first manager) and tests every node against the host key the profile pinned; a node that
 * does not answer stops on the Server step; Save as profile after a cluster deploy keeps the nodes and their keys.
 */
class ProfilesClusterTest {
    private static final String DIR = "/opt/berth/demo";
    private static final String PINNED = "SHA256:scripted"; // what ScriptedShell shows as its host key

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final Map<String, ScriptedShell> servers = new HashMap<>();
    /** The host key each connection was asked to verify, by host. */
    private final List<String> pinsAsked = new CopyOnWriteArrayList<>();
    private final WizardModel model = new WizardModel(new I18n(Locale.ENGLISH), TaskExecutor.direct(), dialogs,
            TestTarget.tempDir("berth-ui-home"), UiTestModels.bundles(), (spec, creds, store, decision, timeout) -> {
                pinsAsked.add(spec.host() + " " + spec.hostKey());
                ScriptedShell shell = servers.get(spec.host());
                if (shell == null) {
                    throw new SshException(SshException.Kind.UNREACHABLE, Localized.same("Cannot reach " + spec.host() + "."));
                }
                return shell;
            });
    private final Wizard wizard = new Wizard(model);
    private final ProfilesViewModel profiles = wizard.profiles();
    private final Bundle demo = UiTestModels.bundle("demo");

    private static ScriptedShell node(String swarmInfo) {
        return new ScriptedShell().answer(Privilege.ID_U, Recorded.result("id-u-root.txt"))
                .answer(new SwarmCommands(Privilege.NONE).info(), Recorded.result(swarmInfo + ".txt"))
                // No deploy job ever ran here: nothing to reattach to.
                .answer(new ServerCommands(Privilege.NONE).readFile(new ReleaseLayout(DIR).lastJobFile()), "");
    }

    private static ProfileNode saved(String name, String host, boolean manager, List<String> labels) {
        return new ProfileNode(name, TargetSpec.parse("root@" + host).withHostKey(PINNED), manager, labels);
    }

    private Profile threeNodes() {
        return Profile.ofCluster("swarm3", demo, List.of(saved("n1", "10.77.0.1", true, List.of("data")),
                saved("n2", "10.77.0.2", false, List.of("app")), saved("n3", "10.77.0.3", false, List.of())),
                DIR, Map.of(), Instant.parse("2026-12-03T15:00:00Z"));
    }

    @Test
    void openingAClusterProfileFillsTheNodeTableAndTestsEachNodeAgainstItsPinnedKey() {
        // The first manager is probed too: the dashboard names the stack after the install's project there.
        servers.put("10.77.0.1", node("swarm-info-manager").answer(dev.berth.target.Prober.command(DIR, List.of()),
                dev.berth.target.Fixtures.raw("local-debian12.txt")));
        servers.put("10.77.0.2", node("swarm-info-worker"));
        servers.put("10.77.0.3", node("swarm-info-worker"));
        wizard.viewModel().start();

        profiles.openDashboard(threeNodes());

        assertNull(profiles.problemProperty().get(), () -> profiles.problemProperty().get().en());
        ServerViewModel server = wizard.viewModel().step(Step.SERVER);
        assertEquals(ServerMode.CLUSTER, server.modeProperty().get());
        assertEquals("", server.hostProperty().get(), "the one-server form is not filled with the first manager");
        assertEquals(List.of("n1", "n2", "n3"), server.nodes().stream().map(r -> r.nameProperty().get()).toList());
        assertEquals(List.of(ClusterNode.Role.MANAGER, ClusterNode.Role.WORKER, ClusterNode.Role.WORKER),
                server.nodes().stream().map(r -> r.roleProperty().get()).toList());
        assertEquals("data", server.nodes().get(0).labelsProperty().get());
        assertEquals(DIR, server.installDirProperty().get());
        assertTrue(server.nodes().stream().allMatch(r -> r.testProperty().get() == NodeRow.Test.OK),
                server.nodes().stream().map(r -> String.valueOf(r.resultProperty().get())).toList().toString());
        assertTrue(pinsAsked.containsAll(List.of("10.77.0.1 " + PINNED, "10.77.0.2 " + PINNED, "10.77.0.3 " + PINNED)),
                "each node is connected to only with the key the profile pinned: " + pinsAsked);

        ClusterSpec cluster = model.cluster();
        assertNotNull(cluster, "the node table is the model's cluster");
        assertEquals("n1", cluster.leader().name());
        assertEquals("10.77.0.1", model.target().host(), "the first manager is the server the steps talk to");
        assertEquals(DIR, model.target().installDir());
        assertEquals("demo", model.bundle().id());
        assertEquals(Step.DASHBOARD, wizard.viewModel().current().step());
        assertNotNull(model.facts(), "the first manager's facts, which the cluster dashboard reads the project from");
    }

    @Test
    void aNodeThatDoesNotAnswerStopsOnTheServerStep() {
        servers.put("10.77.0.1", node("swarm-info-manager"));
        servers.put("10.77.0.3", node("swarm-info-worker")); // 10.77.0.2 is down
        wizard.viewModel().start();

        profiles.redeploy(threeNodes());

        assertEquals(Step.SERVER, wizard.viewModel().current().step());
        assertTrue(profiles.problemProperty().get().en().contains("swarm3"), profiles.problemProperty().get().en());
        ServerViewModel server = wizard.viewModel().step(Step.SERVER);
        assertEquals(NodeRow.Test.FAILED, server.nodes().get(1).testProperty().get());
        assertEquals("Cannot reach 10.77.0.2.", server.nodes().get(1).resultProperty().get().en());
        assertNull(model.cluster(), "no cluster until every node passed");
        assertFalse(server.isValid());
    }

    @Test
    void savingAfterAClusterDeployKeepsTheNodesWithTheirKeysAndTheOperatorsAnswers() throws Exception {
        ClusterSpec cluster = new ClusterSpec(List.of(
                new ClusterNode("n1", TargetSpec.parse("root@10.77.0.1").withHostKey("SHA256:one").withInstallDir(DIR),
                        ClusterNode.Role.MANAGER, List.of("data")),
                new ClusterNode("n2", TargetSpec.parse("root@10.77.0.2:2222").withHostKey("SHA256:two")
                        .withInstallDir(DIR), ClusterNode.Role.WORKER, List.of("app"))));
        ResolvedAnswers answers = AnswersResolver.resolve(demo, Map.of("GREETING", "Hello"));
        assertTrue(answers.generated().contains("API_TOKEN"), "the demo generates its token");
        model.bundleProperty().set(demo);
        model.clusterProperty().set(cluster);
        model.useLogin(cluster.leader().target(), dev.berth.ssh.Credentials.none());
        model.answersProperty().set(answers);

        profiles.saveAs("swarm2");

        assertNull(profiles.problemProperty().get(), () -> profiles.problemProperty().get().en());
        Profile p = new ProfileStore(model.berthHome()).scan().profiles().stream()
                .filter(x -> x.name().equals("swarm2")).findFirst().orElseThrow();
        assertTrue(p.isCluster(), p.toString());
        assertEquals(List.of("n1", "n2"), p.cluster().stream().map(ProfileNode::name).toList());
        assertEquals(List.of("SHA256:one", "SHA256:two"), p.cluster().stream().map(n -> n.target().hostKey()).toList(),
                "each node with the host key its test pinned");
        assertEquals(2222, p.cluster().get(1).target().port());
        assertEquals(List.of("app"), p.cluster().get(1).labels());
        assertEquals(DIR, p.target().installDir());
        assertEquals("10.77.0.1", p.target().host(), "status and the dashboard connect to the first manager");
        assertEquals("Hello", p.answers().get("GREETING"));
        assertFalse(p.answers().containsKey("API_TOKEN"),
                "the generated secret stays in the first manager's release, as the CLI's --save-profile");
        assertEquals(List.of(p), List.copyOf(profiles.profiles().filtered(x -> x.name().equals("swarm2"))),
                "the list shows the new profile");

        assertEquals("2 servers (Docker Swarm), first manager root@10.77.0.1",
                ProfilesViewModel.where(p, new I18n(Locale.ENGLISH)));
        assertEquals("2 台服务器（Docker Swarm），首个管理节点 root@10.77.0.1",
                ProfilesViewModel.where(p, new I18n(Locale.SIMPLIFIED_CHINESE)));
        assertEquals("root@10.77.0.1", ProfilesViewModel.where(new Profile("one", "demo", null,
                TargetSpec.parse("root@10.77.0.1").withInstallDir(DIR), Map.of(), Instant.now()), new I18n(Locale.ENGLISH)));
    }
}
