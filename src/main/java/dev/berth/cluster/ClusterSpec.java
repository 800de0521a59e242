package dev.berth.cluster;

import java.util.List;

/** A cluster target: its servers in the order the cluster file lists them; the first manager leads. */
public record ClusterSpec(List<ClusterNode> nodes) {
    public ClusterSpec {
        nodes = List.copyOf(nodes);
    }

    /** The manager a new swarm is initialised on and the deploy job runs on. */
    public ClusterNode leader() {
        return nodes.stream().filter(ClusterNode::manager).findFirst().orElseThrow();
    }

    public List<ClusterNode> managers() {
        return nodes.stream().filter(ClusterNode::manager).toList();
    }
}
