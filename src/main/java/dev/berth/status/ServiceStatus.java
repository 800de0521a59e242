package dev.berth.status;

import java.time.Duration;
import java.util.List;

/**
 * One container of the deployment as the dashboard shows it.
 *
 * @param state    running, exited, restarting, created, paused, dead
 * @param health   healthy, unhealthy, starting, or none when the service has no healthcheck
 * @param uptime   since the container last started; zero when not running
 * @param ports    published ports as "18080->8080/tcp" (with the address when bound to one)
 * @param cpuPercent CPU use when stats were asked for, else -1
 * @param memoryBytes memory use when stats were asked for, else -1
 */
public record ServiceStatus(String service, String container, String state, String health, int restarts,
                           Duration uptime, List<String> ports, double cpuPercent, long memoryBytes) {

    public ServiceStatus {
        ports = List.copyOf(ports);
    }

    /** Running, and healthy when it has a healthcheck. */
    public boolean ok() {
        return "running".equals(state) && ("healthy".equals(health) || "none".equals(health));
    }

    /** The uptime as the CLI's table and the dashboard show it: "-", "4m12s", "3h5m", "2d7h". */
    public String uptimeText() {
        long s = uptime.getSeconds();
        if (s <= 0) {
            return "-";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return s < 86400 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }

    ServiceStatus withStats(double cpu, long mem) {
        return new ServiceStatus(service, container, state, health, restarts, uptime, ports, cpu, mem);
    }
}
