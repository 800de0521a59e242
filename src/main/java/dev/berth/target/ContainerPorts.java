package dev.berth.target;

import java.util.List;

/**
 * A running container and the host ports it publishes, from {@code docker ps}.
 *
 * @param project the compose project label, or "" for a container not started by Compose
 */
public record ContainerPorts(String name, String project, List<Integer> hostPorts) {
    public ContainerPorts {
        project = project == null ? "" : project;
        hostPorts = List.copyOf(hostPorts);
    }
}
