package dev.berth.status;

import java.util.List;

/** Everything the dashboard shows about one deployment, from one round trip to the server. */
public record DeploymentStatus(String project, String currentRelease, String lastJobRelease,
                               List<ServiceStatus> services, List<ProbeResult> probes, DiskUsage disk) {
    public DeploymentStatus {
        services = List.copyOf(services);
        probes = List.copyOf(probes);
    }

    /** Without disk figures (they come with the stats). */
    public DeploymentStatus(String project, String currentRelease, String lastJobRelease, List<ServiceStatus> services,
                            List<ProbeResult> probes) {
        this(project, currentRelease, lastJobRelease, services, probes, null);
    }

    /** False when the install directory holds neither a live release nor a container of the project. */
    public boolean deployed() {
        return currentRelease != null || !services.isEmpty();
    }

    public boolean healthy() {
        return currentRelease != null && !services.isEmpty() && services.stream().allMatch(ServiceStatus::ok)
                && probes.stream().allMatch(ProbeResult::ok);
    }
}
