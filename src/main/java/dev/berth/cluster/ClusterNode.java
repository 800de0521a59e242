package dev.berth.cluster;

import dev.berth.ssh.TargetSpec;
import java.util.List;

/**
 * One server of a cluster target: how to log in (its own address, user, key, pinned host key and jump host), whether
 * it manages the swarm, and the labels the operator gives it ({@code data}, {@code app}, {@code gpu}, …) that a
 * bundle's placement pins services to.
 */
public record ClusterNode(String name, TargetSpec target, Role role, List<String> labels) {
    public enum Role {
        MANAGER, WORKER;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ClusterNode {
        labels = List.copyOf(labels);
    }

    public boolean manager() {
        return role == Role.MANAGER;
    }
}
