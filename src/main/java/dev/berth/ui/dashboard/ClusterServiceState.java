package dev.berth.ui.dashboard;

import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import java.util.Set;

/** One word for a stack service on a swarm, judged from its replicas and the tasks of the slots not yet up. */
public enum ClusterServiceState {
    /** Every replica Swarm wants is running (and healthy, where it has a healthcheck). */
    HEALTHY("dashboard.cluster.state.healthy"),
    /** Short of replicas, but every missing one is on its way up with nothing gone wrong: a deploy or a start. */
    STARTING("dashboard.cluster.state.starting"),
    /** Some replicas run, others failed or cannot be placed. */
    DEGRADED("dashboard.cluster.state.degraded"),
    /** Nothing of it runs. */
    DOWN("dashboard.cluster.state.down");

    /** Swarm's words for a task that is being placed or started. */
    private static final Set<String> COMING_UP = Set.of("new", "pending", "assigned", "accepted", "preparing", "ready",
            "starting");

    private final String key;

    ClusterServiceState(String key) {
        this.key = key;
    }

    /** Its word's key in the ui messages. */
    public String key() {
        return key;
    }

    /**
     * @param readyNodes the host names of the nodes that are Ready: a task the manager last heard running on a node
     *                   that is Down is not up, whatever its state says
     */
    public static ClusterServiceState of(ServiceRow s, Set<String> readyNodes) {
        if (s.complete()) {
            return HEALTHY;
        }
        boolean allComingUp = s.tasks().stream().filter(t -> !up(t, readyNodes))
                .allMatch(t -> t.error().isEmpty() && (COMING_UP.contains(t.state()) || "starting".equals(t.health())));
        if (allComingUp) {
            return STARTING;
        }
        return s.running() == 0 ? DOWN : DEGRADED;
    }

    private static boolean up(TaskRow t, Set<String> readyNodes) {
        return "running".equals(t.state()) && !"starting".equals(t.health()) && readyNodes.contains(t.node());
    }
}
