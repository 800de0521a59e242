package dev.berth.cluster;

import dev.berth.ssh.LoginMethod;
import dev.berth.ssh.TargetSpec;
import java.util.List;

/**
 * One server of a cluster target: how to log in (its own address, user, key, agent or password, pinned host key and
 * jump host), whether
 * it manages the swarm, and the labels the operator gives it ({@code data}, {@code app}, {@code gpu}, …) that a
 * bundle's placement pins services to.
 */
public record ClusterNode(String name, TargetSpec target, Role role, List<String> labels, LoginMethod login) {
    public enum Role {
        MANAGER, WORKER;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ClusterNode {
        labels = List.copyOf(labels);
        login = login == null ? LoginMethod.KEY : login;
    }

    /** Logging in with its key file, ~/.ssh/config or the default keys. */
    public ClusterNode(String name, TargetSpec target, Role role, List<String> labels) {
        this(name, target, role, labels, LoginMethod.KEY);
    }

    public boolean manager() {
        return role == Role.MANAGER;
    }
}
