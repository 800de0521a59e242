package dev.berth.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cluster.ClusterException;
import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.JournalEvent;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.TargetSpec;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.BerthException;
import dev.berth.text.Localized;
import dev.berth.ui.DemoReleases;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Deploy step with a cluster in the model: it takes the cluster path (not one server's), shows the plan the
 * cluster deploy prepared as its rows and the job's journal as for one server, and a failure is one sentence.
 */
class DeployClusterTest {
    private static final String REVIEWED = "20261203-150000-rev1";
    private static final String CLUSTER_RELEASE = "20261203-150100-swm1";

    /** The one server's connection: a cluster deploy must not send it anything (every command would fail the test). */
    private final ScriptedShell oneServer = new ScriptedShell();
    private final WizardModel model = UiTestModels.model(new ScriptedDialogs(), oneServer,
            TargetSpec.parse("root@10.77.0.1").withInstallDir(DemoReleases.DIR));
    private final ClusterSpec cluster = new ClusterSpec(List.of(
            new ClusterNode("n1", TargetSpec.parse("root@10.77.0.1").withInstallDir(DemoReleases.DIR),
                    ClusterNode.Role.MANAGER, List.of("data")),
            new ClusterNode("n2", TargetSpec.parse("root@10.77.0.2").withInstallDir(DemoReleases.DIR),
                    ClusterNode.Role.WORKER, List.of("app"))));
    private final List<ClusterSpec> clusterRuns = new ArrayList<>();

    private DeployViewModel vm(DeployViewModel.ClusterRun run) {
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        PreparedRelease reviewed = DemoReleases.demo(REVIEWED, null, null, null);
        model.answersProperty().set(reviewed.answers());
        model.reportProperty().set(DemoReleases.report(null)); // the Checks step's, of the first manager
        model.preparedProperty().set(reviewed);
        return new DeployViewModel(model, null, run);
    }

    private static JournalEvent event(String json) {
        return JournalEvent.parse(json).orElseThrow();
    }

    @Test
    void aModelWithAClusterDeploysThroughTheClusterPathWithItsOwnPlanAndJournal() {
        model.clusterProperty().set(cluster);
        PreparedRelease swarmRelease = DemoReleases.demo(CLUSTER_RELEASE, null, null, null);
        String firstStep = swarmRelease.plan().steps().get(0).id();
        DeployViewModel vm = vm((c, bundle, answers, images, layout, watcher) -> {
            clusterRuns.add(c);
            assertEquals(DemoReleases.DIR, layout.installDir());
            assertSame(model.answers(), answers, "the answers the Settings step resolved");
            watcher.phase(Localized.of("正在检查节点 n1 …", "Checking node n1 …"));
            watcher.prepared(swarmRelease, new Deployer(new ScriptedShell(), Privilege.NONE,
                    new ReleaseLayout(DemoReleases.DIR), Clock.systemUTC()));
            List<JournalEvent> events = List.of(
                    event("{\"seq\":1,\"event\":\"job-start\",\"release\":\"" + CLUSTER_RELEASE + "\"}"),
                    event("{\"seq\":2,\"event\":\"step-start\",\"step\":\"" + firstStep + "\"}"),
                    event("{\"seq\":3,\"event\":\"step-end\",\"step\":\"" + firstStep + "\",\"ms\":1200}"),
                    event("{\"seq\":4,\"event\":\"images-forwarded\",\"node\":\"n2\",\"images\":\"berth-demo/web:1.0\",\"bytes\":1048576}"),
                    event("{\"seq\":5,\"event\":\"job-end\",\"status\":\"succeeded\",\"release\":\"" + CLUSTER_RELEASE
                            + "\",\"current\":\"" + CLUSTER_RELEASE + "\"}"));
            events.forEach(watcher::event);
            return new DeployOutcome(CLUSTER_RELEASE, events, events.stream().filter(e -> "job-end".equals(e.event())).findFirst());
        });

        vm.enter();

        assertEquals(List.of(cluster), clusterRuns, "the cluster path ran once, with the model's cluster");
        assertTrue(oneServer.commands().isEmpty(), "nothing went to the one-server connection: " + oneServer.commands());
        assertTrue(vm.succeededProperty().get(), String.valueOf(vm.problemProperty().get()));
        assertEquals(swarmRelease.plan().steps().size(), vm.rows().size(), "the rows are the cluster release's plan");
        assertEquals(StepRow.State.DONE, vm.rows().get(0).state());
        assertEquals("· Checking node n1 …", vm.journal().get(0), "the checks' lines stay above the job's");
        assertTrue(vm.journal().stream().anyMatch(l -> l.contains("n2")), "the forwarded images show: " + vm.journal());

        vm.enter();
        assertEquals(1, clusterRuns.size(), "entering again does not deploy the same review twice");
    }

    @Test
    void aClusterThatFailsItsChecksIsOneSentenceInTheStepAndNoReattach() {
        model.clusterProperty().set(cluster);
        Localized refused = Localized.of("有节点未通过检查，未做任何改动（n2：Docker）。",
                "A node failed the checks; nothing was changed (n2: Docker).");
        DeployViewModel vm = vm((c, bundle, answers, images, layout, watcher) -> {
            throw new ClusterException(BerthException.Category.PREFLIGHT, refused);
        });

        vm.enter();

        assertEquals(refused, vm.problemProperty().get());
        assertEquals(DeployState.FAILED, vm.stateProperty().get());
        assertFalse(vm.disconnectedProperty().get(), "no job was started: nothing to reattach to");
        assertFalse(vm.isValid());
        assertTrue(vm.nextHintProperty().get().en().contains("Review"), vm.nextHintProperty().get().en());
    }

    @Test
    void withoutAClusterTheOneServerPathRunsAsBefore() {
        assertNull(model.cluster());
        DeployViewModel vm = vm((c, bundle, answers, images, layout, watcher) -> {
            clusterRuns.add(c);
            throw new AssertionError("the cluster path ran for one server");
        });

        vm.enter();

        assertTrue(clusterRuns.isEmpty());
        assertFalse(oneServer.commands().isEmpty(), "the one-server deploy talked to its server");
    }
}
