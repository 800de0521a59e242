package dev.berth.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The word for a service from the cases the recordings do not hold (they are in ClusterDashboardViewModelTest). */
class ClusterServiceStateTest {
    private static final Set<String> READY = Set.of("n1", "n2");

    private static ServiceRow web(int running, TaskRow... tasks) {
        return new ServiceRow("s", "web", "replicated", running, 2, "img", List.of(tasks));
    }

    private static TaskRow task(String node, String state, String health, String error) {
        return new TaskRow("1", node, "running", state, health, 0, error);
    }

    @Test
    void aReplicaLastHeardRunningOnANodeThatIsDownIsMissingNotStarting() {
        // Before Swarm replaces it: the manager still has the task as running, on a node it no longer hears.
        assertEquals(ClusterServiceState.DEGRADED, ClusterServiceState.of(web(1, task("n1", "running", "healthy", ""),
                task("n3", "running", "healthy", "")), READY));
    }

    @Test
    void replicasOnTheirWayUpWithNothingWrongAreStarting() {
        assertEquals(ClusterServiceState.STARTING, ClusterServiceState.of(web(1, task("n1", "running", "healthy", ""),
                task("n2", "preparing", "none", "")), READY));
        assertEquals(ClusterServiceState.STARTING, ClusterServiceState.of(web(0, task("n1", "running", "starting", ""),
                task("n2", "running", "starting", "")), READY), "healthchecks not passed yet");
    }

    @Test
    void nothingRunningWithAFailureIsDownAndEveryReplicaIsHealthy() {
        assertEquals(ClusterServiceState.DOWN, ClusterServiceState.of(web(0, task("n1", "failed", "none",
                "task: non-zero exit (1)"), task("n2", "ready", "none", "task: non-zero exit (1)")), READY));
        assertEquals(ClusterServiceState.HEALTHY, ClusterServiceState.of(web(2, task("n1", "running", "healthy", ""),
                task("n2", "running", "healthy", "")), READY));
    }
}
