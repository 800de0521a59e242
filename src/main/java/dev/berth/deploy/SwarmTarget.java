package dev.berth.deploy;

import dev.berth.bundle.Placement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a deploy to a cluster target needs to know of its nodes, answered by the cluster on the laptop. */
public interface SwarmTarget {
    /** Whether a service placed so may run on the manager the job runs on (a hook runs in a task there). */
    boolean onManager(Placement placement);

    /**
     * The images each node other than the manager may run and lacks.
     *
     * @param imageOfService service → the image its compose entry names
     */
    List<SwarmPlan.Forward> forwards(Map<String, String> imageOfService, Function<String, Placement> placement);
}
