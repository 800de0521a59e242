package dev.berth.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the status collector's output into a {@link DeploymentStatus}. Pure: tested on recorded output. */
public final class StatusParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusParser() {}

    public static DeploymentStatus parse(String project, String raw, Instant now) {
        Map<String, StringBuilder> sections = new HashMap<>();
        List<String> probeLines = new ArrayList<>();
        String current = null;
        for (String line : raw.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                current = line.substring(4).trim();
                continue;
            }
            if (current == null) {
                continue;
            }
            if ("probe".equals(current)) {
                if (!line.isEmpty()) {
                    probeLines.add(line);
                }
            } else {
                sections.computeIfAbsent(current, k -> new StringBuilder()).append(line).append('\n');
            }
        }
        String named = text(sections, "project");
        if (!named.isEmpty()) {
            project = named;
        }
        String link = text(sections, "current");
        String release = link.isEmpty() ? null : link.substring(link.lastIndexOf('/') + 1);
        String lastJob = text(sections, "last-job");
        List<ServiceStatus> services = services(text(sections, "inspect"), now);
        services = applyStats(services, text(sections, "stats"));
        List<ProbeResult> probes = new ArrayList<>();
        for (String p : probeLines) {
            String[] f = p.split("\t", -1);
            if (f.length >= 6) {
                probes.add(new ProbeResult(f[0], f[1], toInt(f[2]), toInt(f[3]), f[5], "1".equals(f[4])));
            }
        }
        DiskUsage disk = sections.containsKey("disk") ? DiskUsage.parse(text(sections, "disk")) : null;
        return new DeploymentStatus(project, release, lastJob.isEmpty() ? null : lastJob, services, probes, disk);
    }

    private static String text(Map<String, StringBuilder> s, String key) {
        StringBuilder b = s.get(key);
        return b == null ? "" : b.toString().trim();
    }

    private static List<ServiceStatus> services(String inspectJson, Instant now) {
        List<ServiceStatus> out = new ArrayList<>();
        if (inspectJson.isEmpty()) {
            return out;
        }
        JsonNode arr;
        try {
            arr = JSON.readTree(inspectJson);
        } catch (Exception e) {
            return out;
        }
        for (JsonNode c : arr) {
            JsonNode labels = c.path("Config").path("Labels");
            String service = labels.path("com.docker.compose.service").asText(c.path("Name").asText().replaceFirst("^/", ""));
            JsonNode state = c.path("State");
            String status = state.path("Status").asText("unknown");
            String health = state.has("Health") ? state.path("Health").path("Status").asText("none") : "none";
            Duration uptime = Duration.ZERO;
            if ("running".equals(status)) {
                try {
                    Instant started = Instant.parse(state.path("StartedAt").asText());
                    uptime = Duration.between(started, now).isNegative() ? Duration.ZERO : Duration.between(started, now);
                } catch (DateTimeParseException ignored) {
                    // Leave zero: an unparsable time is not worth failing the dashboard.
                }
            }
            // One entry per published port: the IPv4 and IPv6 wildcard bindings of one port are the same to an operator.
            java.util.Set<String> ports = new java.util.LinkedHashSet<>();
            JsonNode portMap = c.path("NetworkSettings").path("Ports");
            portMap.fieldNames().forEachRemaining(containerPort -> {
                for (JsonNode binding : portMap.path(containerPort)) {
                    String ip = binding.path("HostIp").asText("");
                    String host = ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") ? "" : ip + ":";
                    ports.add(host + binding.path("HostPort").asText("") + "->" + containerPort);
                }
            });
            String id = c.path("Id").asText("");
            out.add(new ServiceStatus(service, id.length() > 12 ? id.substring(0, 12) : id, status, health,
                    c.path("RestartCount").asInt(0), uptime, List.copyOf(ports), -1, -1));
        }
        out.sort(Comparator.comparing(ServiceStatus::service));
        return out;
    }

    private static List<ServiceStatus> applyStats(List<ServiceStatus> services, String stats) {
        if (stats.isEmpty()) {
            return services;
        }
        Map<String, String[]> byId = new HashMap<>();
        for (String line : stats.split("\n")) {
            String[] f = line.trim().split("\\s+", 3);
            if (f.length == 3) {
                byId.put(f[0], f);
            }
        }
        List<ServiceStatus> out = new ArrayList<>();
        for (ServiceStatus s : services) {
            String[] f = byId.entrySet().stream().filter(e -> s.container().startsWith(e.getKey()) || e.getKey().startsWith(s.container()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            out.add(f == null ? s : s.withStats(percent(f[1]), bytes(f[2].split("/")[0].trim())));
        }
        return out;
    }

    private static int toInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static double percent(String s) {
        try {
            return Double.parseDouble(s.replace("%", "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** "12.5MiB" / "1.2GiB" / "980kB" as docker stats prints them. */
    static long bytes(String s) {
        var m = java.util.regex.Pattern.compile("([0-9.]+)\\s*([KMGT]?i?B)", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(s.trim());
        if (!m.matches()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2).toUpperCase(java.util.Locale.ROOT);
        double mult = switch (unit) {
            case "KIB" -> 1024d;
            case "MIB" -> 1024d * 1024;
            case "GIB" -> 1024d * 1024 * 1024;
            case "TIB" -> 1024d * 1024 * 1024 * 1024;
            case "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            default -> 1;
        };
        return (long) (v * mult);
    }
}
