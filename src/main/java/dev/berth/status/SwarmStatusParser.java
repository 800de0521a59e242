package dev.berth.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns what {@code swarm-status.sh} printed on a manager into a {@link SwarmView}. Pure: tested on recorded output. */
final class SwarmStatusParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tasks that ended on their own account: their slot was restarted (or moved) after them. */
    private static final Set<String> FAILED = Set.of("failed", "rejected", "orphaned");
    /** Tasks that ended because they were told to: an update, a scale-down, a removal. Not restarts. */
    private static final Set<String> ENDED_ORDERLY = Set.of("shutdown", "complete", "remove");
    /** Desired states of a task that has been replaced or is being removed. */
    private static final Set<String> RETIRED = Set.of("shutdown", "remove", "complete");

    private SwarmStatusParser() {}

    private record Task(String id, String serviceId, String slot, String nodeId, String desired, String state,
                        Instant created, boolean healthcheck, String error) {}

    static SwarmView parse(String raw) {
        Map<String, List<String>> sections = sections(raw);
        Map<String, NodeRow> nodes = new LinkedHashMap<>();
        for (String line : sections.getOrDefault("nodes", List.of())) {
            String[] f = line.split("\t", -1);
            if (f.length >= 11) {
                nodes.put(f[0], new NodeRow(f[0], f[1], f[2], word(f[3]), word(f[4]), word(f[5]),
                        toLong(f[6]) / 1e9, toLong(f[7]), f[8], f[9], berthLabels(f[10])));
            }
        }
        Map<String, String> stackOf = new HashMap<>();
        for (String line : sections.getOrDefault("stacks", List.of())) {
            String[] f = line.split("\t", -1);
            if (f.length >= 2) {
                stackOf.put(f[0], f[1]);
            }
        }
        Map<String, List<Task>> tasksOf = new HashMap<>();
        for (String line : sections.getOrDefault("tasks", List.of())) {
            String[] f = line.split("\t", -1);
            if (f.length >= 9) {
                String slot = "0".equals(f[2]) ? f[3] : f[2];
                tasksOf.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new Task(f[0], f[1], slot, f[3], f[4], f[5],
                        instant(f[6]), !f[7].isEmpty() && !"NONE".equals(f[7]), jsonText(f[8])));
            }
        }
        List<ServiceRow> services = new ArrayList<>();
        for (String line : sections.getOrDefault("services", List.of())) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                continue;
            }
            // service ls shows a short ID; inspect and the tasks carry the whole one.
            String fullId = stackOf.keySet().stream().filter(id -> id.startsWith(f[0])).findFirst().orElse(f[0]);
            String stack = stackOf.getOrDefault(fullId, "");
            String name = !stack.isEmpty() && f[1].startsWith(stack + "_") ? f[1].substring(stack.length() + 1) : f[1];
            List<Task> tasks = tasksOf.getOrDefault(fullId, List.of());
            if (tasks.isEmpty()) {
                tasks = tasksOf.entrySet().stream().filter(e -> e.getKey().startsWith(f[0])).findFirst()
                        .map(Map.Entry::getValue).orElse(List.of());
            }
            List<TaskRow> rows = slots(tasks, nodes);
            int running = (int) rows.stream().filter(t -> "running".equals(t.state()) && "running".equals(t.desiredState())
                    && nodes.values().stream().anyMatch(n -> n.hostname().equals(t.node()) && n.ready())).count();
            services.add(new ServiceRow(stack, name, f[2], running, desired(f[3]), f[4], rows));
        }
        services.sort(Comparator.comparing(ServiceRow::stack).thenComparing(ServiceRow::name));
        List<NodeRow> sortedNodes = new ArrayList<>(nodes.values());
        // Managers first (the leader at the top), then by name: the order docker node ls has on a small swarm.
        sortedNodes.sort(Comparator.comparing((NodeRow n) -> !n.manager()).thenComparing(n -> !"Leader".equals(n.managerStatus()))
                .thenComparing(NodeRow::hostname));
        return new SwarmView(sortedNodes, services);
    }

    /** One row a slot: its live task (or its last one, when it failed for good), with the slot's earlier failures. */
    private static List<TaskRow> slots(List<Task> tasks, Map<String, NodeRow> nodes) {
        Map<String, List<Task>> bySlot = new LinkedHashMap<>();
        for (Task t : tasks) {
            bySlot.computeIfAbsent(t.slot(), k -> new ArrayList<>()).add(t);
        }
        List<TaskRow> rows = new ArrayList<>();
        for (List<Task> slot : bySlot.values()) {
            slot.sort(Comparator.comparing(Task::created).reversed());
            Task current = slot.stream().filter(t -> !RETIRED.contains(t.desired())).findFirst().orElse(slot.get(0));
            if (RETIRED.contains(current.desired()) && ENDED_ORDERLY.contains(current.state())) {
                // Scaled down or removed: the slot is gone.
                continue;
            }
            int restarts = 0;
            String lastFailure = "";
            for (Task t : slot) {
                if (t != current && t.created().isBefore(current.created()) && restarted(t)) {
                    restarts++;
                    if (lastFailure.isEmpty()) {
                        lastFailure = t.error();
                    }
                }
            }
            // A slot waiting out its restart delay says nothing itself: why it is not running is its last failure.
            String error = !current.error().isEmpty() || "running".equals(current.state()) ? current.error() : lastFailure;
            NodeRow node = nodes.get(current.nodeId());
            String nodeName = node != null ? node.hostname() : current.nodeId();
            String slotName = current.slot().equals(current.nodeId()) ? nodeName : current.slot();
            String health = !current.healthcheck() ? "none"
                    : "running".equals(current.state()) ? "healthy"
                    : "starting".equals(current.state()) ? "starting" : "none";
            rows.add(new TaskRow(slotName, nodeName, current.desired(), current.state(), health, restarts, error));
        }
        // Replicas by number; a global service's slots (its nodes) by the node's name.
        rows.sort(Comparator.comparing((TaskRow r) -> r.slot().matches("[0-9]+") ? Integer.parseInt(r.slot()) : 0)
                .thenComparing(TaskRow::slot));
        return rows;
    }

    /**
     * An earlier task counts as a restart when it failed, or when Swarm replaced it while it still ran as far as the
     * manager knows (its node went away).
     */
    private static boolean restarted(Task t) {
        return FAILED.contains(t.state()) || (RETIRED.contains(t.desired()) && !ENDED_ORDERLY.contains(t.state()));
    }

    /** "2/3" or "2/3 (max 1 per node)": the 3. */
    private static int desired(String replicas) {
        int slash = replicas.indexOf('/');
        if (slash < 0) {
            return 0;
        }
        String rest = replicas.substring(slash + 1).strip();
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(rest.substring(0, end));
    }

    private static Map<String, String> berthLabels(String json) {
        Map<String, String> out = new TreeMap<>();
        try {
            JsonNode labels = JSON.readTree(json);
            labels.fieldNames().forEachRemaining(k -> {
                if (k.startsWith("berth.")) {
                    out.put(k.substring("berth.".length()), labels.path(k).asText());
                }
            });
        } catch (Exception e) {
            // No labels rather than no status: "null" or a damaged line.
        }
        return out;
    }

    /** "ready" → "Ready", as docker node ls prints it. */
    private static String word(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String jsonText(String json) {
        try {
            return JSON.readTree(json).asText("");
        } catch (Exception e) {
            return json;
        }
    }

    private static Instant instant(String json) {
        try {
            return Instant.parse(jsonText(json));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static long toLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, List<String>> sections(String raw) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> current = null;
        for (String line : raw.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                current = out.computeIfAbsent(line.substring(4).strip(), k -> new ArrayList<>());
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return out;
    }
}
