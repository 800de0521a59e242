package dev.berth.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.status.SwarmStatus;
import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.Localized;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster dashboard without a screen or a swarm: a scripted manager answers with what the test env's real 3-node
 * swarm answered (src/test/resources/recorded/swarm-*.txt, stack berth-ss), work runs on the calling thread.
 */
class ClusterDashboardViewModelTest {
    private static final String STACK = "berth-ss";
    static final RemoteCommand READ = SwarmStatus.command(Privilege.NONE, STACK);

    private final ScriptedShell shell = new ScriptedShell();
    private final List<RemoteShell> dropped = new ArrayList<>();
    private final WizardModel model = UiTestModels.model(new ScriptedDialogs());
    private final ClusterDashboardViewModel vm = new ClusterDashboardViewModel(new Manager(shell, dropped),
            model.executor(), model.i18n());

    /** The manager of the test swarm, as the wizard's cluster model would hand it in. */
    record Manager(RemoteShell shell, List<RemoteShell> dropped) implements ClusterTarget {
        @Override
        public RemoteShell manager() {
            return shell;
        }

        @Override
        public Privilege privilege() {
            return Privilege.NONE;
        }

        @Override
        public String project() {
            return STACK;
        }

        @Override
        public void failed(RemoteShell failed) {
            dropped.add(failed);
        }
    }

    /** Scripts the manager's answers to the read in order (the shell repeats the last) and refreshes once. */
    private void refreshWith(String... recordings) {
        for (String r : recordings) {
            shell.answer(READ, Recorded.result(r));
        }
        vm.refresh();
    }

    private ServiceRow service(String name) {
        return vm.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private Map<String, ClusterServiceState> states() {
        Map<String, ClusterServiceState> m = new java.util.TreeMap<>();
        vm.services().forEach(s -> m.put(s.name(), vm.stateOf(s)));
        return m;
    }

    @Test
    void aHealthySwarmFillsTheNodeAndServiceTablesFromOneCall() {
        refreshWith("swarm-status-healthy.txt");
        assertEquals(List.of(READ), shell.commands(), "one round trip a refresh");
        assertEquals(List.of("berth-n1", "berth-n2", "berth-n3"), vm.nodes().stream().map(NodeRow::hostname).toList());
        NodeRow n1 = vm.nodes().get(0);
        assertEquals(List.of("manager", "Ready", "Active", "Leader"),
                List.of(n1.role(), n1.status(), n1.availability(), n1.managerStatus()));
        assertEquals(Map.of("data", "true", "leader", "true"), n1.labels());
        assertTrue(vm.nodes().stream().allMatch(NodeRow::ready));
        assertNull(vm.bannerProperty().get(), "nothing to say when every node is Ready");
        assertEquals(Map.of("agent", ClusterServiceState.HEALTHY, "flaky", ClusterServiceState.DOWN,
                        "slow", ClusterServiceState.STARTING, "web", ClusterServiceState.HEALTHY,
                        "worker", ClusterServiceState.HEALTHY), states(),
                "flaky keeps failing (exit 3), slow's healthcheck has not passed yet");
        assertEquals(List.of(2, 2, "berth-demo/base:1.0"),
                List.of(service("web").running(), service("web").desired(), service("web").image()));
    }

    @Test
    void choosingAServiceShowsItsTasksAndARefreshKeepsItChosen() {
        refreshWith("swarm-status-healthy.txt", "swarm-status-node-down.txt");
        assertTrue(vm.tasks().isEmpty());
        vm.selectedProperty().set(service("web"));
        assertEquals(List.of("berth-n2", "berth-n3"), vm.tasks().stream().map(t -> t.node()).toList());
        assertEquals(List.of("running", "healthy", 0), List.of(vm.tasks().get(0).state(), vm.tasks().get(0).health(),
                vm.tasks().get(0).restarts()));

        vm.refresh();
        assertEquals("web", vm.selectedProperty().get().name());
        assertEquals(List.of("berth-n2", ""), vm.tasks().stream().map(t -> t.node()).toList(),
                "the new read's tasks: the lost replica waits for a node");
        assertEquals(1, vm.tasks().get(1).restarts());
        assertTrue(vm.tasks().get(1).error().startsWith("no suitable node"), vm.tasks().get(1).error());
    }

    @Test
    void aNodeThatIsDownIsFlaggedAndTheBannerSaysSo() {
        refreshWith("swarm-status-node-down.txt");
        assertFalse(vm.nodeReady("berth-n3"));
        assertTrue(vm.nodeReady("berth-n2"));
        assertEquals(List.of("berth-n3"), vm.nodes().stream().filter(n -> !n.ready()).map(NodeRow::hostname).toList());
        Localized banner = vm.bannerProperty().get();
        assertNotNull(banner);
        assertEquals("This node is not Ready: berth-n3 (Down). The manager hears nothing from its Docker engine; its"
                + " tasks are not counted as running, and Swarm moves replicated services to other nodes where it can.",
                banner.en());
        assertTrue(banner.zh().startsWith("以下节点不是 Ready 状态：berth-n3 (Down)。"), banner.zh());
        assertEquals(ClusterServiceState.DEGRADED, states().get("web"), "1 of 2 replicas, the other cannot be placed");
        assertEquals(ClusterServiceState.HEALTHY, states().get("agent"),
                "a global service's desired count leaves the Down node out");
    }

    @Test
    void aFailedRefreshIsOneSentenceAndTheTablesKeepTheirRows() {
        SshException lost = new SshException(SshException.Kind.UNREACHABLE,
                Localized.of("连接断开了。", "The connection to the manager was lost."));
        shell.answer(READ, Recorded.result("swarm-status-node-down.txt")).fail(READ, lost)
                .answer(READ, Recorded.result("swarm-status-not-manager.txt"))
                .answer(READ, Recorded.result("swarm-status-healthy.txt"));
        vm.refresh();
        List<NodeRow> nodes = List.copyOf(vm.nodes());
        List<ServiceRow> services = List.copyOf(vm.services());
        vm.refresh();
        assertEquals(lost.sentence(), vm.bannerProperty().get(), "the failure's own sentence, nothing else");
        assertEquals(nodes, vm.nodes());
        assertEquals(services, vm.services());
        assertEquals(List.of(shell), dropped, "a lost connection is handed back so the next refresh reconnects");
        assertFalse(vm.busyProperty().get());

        // A read the manager refused (not a manager) leaves the connection alone.
        vm.refresh();
        assertTrue(vm.bannerProperty().get().en().startsWith(
                "What runs on the cluster could not be read on the manager: Error response from daemon: This node is"
                        + " not a swarm manager."), vm.bannerProperty().get().en());
        assertEquals(1, dropped.size());
        assertEquals(services, vm.services());

        vm.refresh();
        assertNull(vm.bannerProperty().get(), "a good read clears the failure: every node is Ready again");
        assertEquals(ClusterServiceState.HEALTHY, states().get("web"));
    }

    @Test
    void logsAreTheChosenServiceAcrossItsTasks() {
        refreshWith("swarm-status-healthy.txt");
        vm.loadLogs();
        assertEquals(List.of(READ), shell.commands(), "no service chosen: nothing to read");
        vm.selectedProperty().set(service("web"));
        // Recorded with --tail 20; the answer is the same for the 200 lines the dashboard asks for.
        RemoteCommand logs = SwarmStatus.logsCommand(Privilege.NONE, STACK, "web", ClusterDashboardViewModel.LOG_LINES);
        assertEquals(List.of("--tail", "200"), logs.argv().subList(3, 5));
        shell.answer(logs, Recorded.result("swarm-logs-web.txt"));
        vm.loadLogs();
        assertEquals(logs, shell.commands().get(1));
        assertEquals(List.of("web up on berth-n2", "web warns on berth-n2", "web up on berth-n3", "web warns on berth-n3"),
                vm.logTextProperty().get().lines().map(l -> l.substring(l.indexOf("| ") + 2)).toList(),
                "both tasks' lines, stdout and stderr, in the order they were written");
    }

    @Test
    void anEmptyLogSaysSoAndAnUnreadableOneIsTheBannersSentence() {
        refreshWith("swarm-status-healthy.txt");
        vm.selectedProperty().set(service("slow"));
        shell.answer(SwarmStatus.logsCommand(Privilege.NONE, STACK, "slow", 200), new ExecResult(0, "", ""));
        vm.loadLogs();
        assertEquals("(slow has written no log lines yet.)", vm.logTextProperty().get());

        vm.selectedProperty().set(service("worker"));
        shell.answer(SwarmStatus.logsCommand(Privilege.NONE, STACK, "worker", 200),
                new ExecResult(1, "", "Error: No such service: berth-ss_worker\n"));
        vm.loadLogs();
        assertEquals("Reading the log of worker failed: Error: No such service: berth-ss_worker",
                vm.bannerProperty().get().en());
        assertEquals(5, vm.services().size(), "the tables stay");
    }

    @Test
    void theWizardsDashboardShowsTheClusterOnlyWhenTheDeploymentIsOne() {
        DashboardViewModel dashboard = new DashboardViewModel(model);
        assertNull(dashboard.cluster(), "one server unless told otherwise");
        Manager manager = new Manager(shell, dropped);
        List<ClusterTarget> answer = new ArrayList<>(List.of(manager));
        dashboard.clusterFrom(() -> answer.isEmpty() ? null : answer.get(0));
        shell.answer(READ, Recorded.result("swarm-status-healthy.txt"));
        dashboard.enter();
        ClusterDashboardViewModel cluster = dashboard.cluster();
        assertNotNull(cluster);
        assertEquals(List.of(READ), shell.commands(), "entering the step read the swarm on the manager");
        assertEquals(5, cluster.services().size());
        answer.set(0, new Manager(shell, dropped));
        assertSame(cluster, dashboard.cluster(), "an equal target keeps its rows");
        answer.clear();
        assertNull(dashboard.cluster(), "back to one server");
    }
}
