package dev.berth.bundle;

/**
 * Where a service runs on a cluster target ({@code placement:} in bundle.yaml): on the nodes with a label, as so many
 * replicas. A service without one runs once, on the first manager. One server ignores it.
 *
 * @param label    the node label it is pinned to ({@code node.labels.berth.LABEL == true}), or null: the first manager
 * @param replicas how many copies run (1 for anything that keeps data of its own)
 */
public record Placement(String label, int replicas) {
    public static final Placement LEADER = new Placement(null, 1);
}
