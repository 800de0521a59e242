package dev.berth.profile;

import dev.berth.ssh.TargetSpec;
import java.util.List;
import java.util.Objects;

/**
 * One server of a cluster profile, as the cluster file (docs/cluster.md) lists it. The profile package may not use
 * {@code cluster}, so the front ends turn these into {@code ClusterNode}s; never a password.
 *
 * @param target its login: user, host, port, key file, pinned host key, jump host
 */
public record ProfileNode(String name, TargetSpec target, boolean manager, List<String> labels) {
    public ProfileNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public String role() {
        return manager ? "manager" : "worker";
    }
}
