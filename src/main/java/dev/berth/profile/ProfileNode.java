package dev.berth.profile;

import dev.berth.ssh.LoginMethod;
import dev.berth.ssh.TargetSpec;
import java.util.List;
import java.util.Objects;

/**
 * One server of a cluster profile, as the cluster file (docs/cluster.md) lists it. The profile package may not use
 * {@code cluster}, so the front ends turn these into {@code ClusterNode}s; never a password (a node that logs in with
 * one has it asked each time).
 *
 * @param target its login: user, host, port, key file, pinned host key, jump host
 */
public record ProfileNode(String name, TargetSpec target, boolean manager, List<String> labels, LoginMethod login) {
    public ProfileNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        labels = labels == null ? List.of() : List.copyOf(labels);
        login = login == null ? LoginMethod.KEY : login;
    }

    public ProfileNode(String name, TargetSpec target, boolean manager, List<String> labels) {
        this(name, target, manager, labels, LoginMethod.KEY);
    }

    public String role() {
        return manager ? "manager" : "worker";
    }
}
