package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stack cut into one document per stage: {@code docker stack deploy} without {@code --prune} adds a stage's services
 * to the stack and leaves the earlier stages' running, so Berth can wait for each stage before the next, as it does on
 * one server.
 */
final class StackStages {
    private StackStages() {}

    /**
     * The stage of every service: the one that lists it; a service no stage lists goes with the first stage that has
     * a service depending on it, else with the last stage, and a change says so.
     *
     * @param services the compose file's services, before their {@code depends_on} is dropped
     */
    static Map<String, String> assign(ObjectNode services, List<Stage> stages, List<Localized> changes) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            for (String s : stages.get(i).services()) {
                if (services.has(s)) {
                    index.putIfAbsent(s, i);
                }
            }
        }
        List<String> unplaced = new ArrayList<>();
        services.fieldNames().forEachRemaining(s -> {
            if (!index.containsKey(s)) {
                unplaced.add(s);
            }
        });
        Map<String, String> why = new LinkedHashMap<>();
        // A dependency of a service that itself went with a dependent's stage follows it there.
        for (boolean moved = true; moved; ) {
            moved = false;
            for (String s : List.copyOf(unplaced)) {
                Integer first = null;
                String dependent = null;
                for (Map.Entry<String, Integer> e : index.entrySet()) {
                    if (dependsOn(services.get(e.getKey()), s) && (first == null || e.getValue() < first)) {
                        first = e.getValue();
                        dependent = e.getKey();
                    }
                }
                if (first != null) {
                    index.put(s, first);
                    unplaced.remove(s);
                    why.put(s, dependent);
                    moved = true;
                }
            }
        }
        int last = stages.size() - 1;
        for (String s : unplaced) {
            index.put(s, last);
        }
        Map<String, String> stageOf = new LinkedHashMap<>();
        services.fieldNames().forEachRemaining(s -> {
            String stage = stages.get(index.get(s)).name();
            stageOf.put(s, stage);
            String at = "service " + s;
            if (why.containsKey(s)) {
                changes.add(Localized.of(at + " 不在任何阶段中：随阶段 " + stage + " 部署（" + why.get(s) + " 依赖它）。",
                        at + " is in no stage: deployed with stage " + stage + " (" + why.get(s) + " depends on it)."));
            } else if (unplaced.contains(s)) {
                changes.add(Localized.of(at + " 不在任何阶段中：随最后一个阶段 " + stage + " 部署。",
                        at + " is in no stage: deployed with the last stage, " + stage + "."));
            }
        });
        return stageOf;
    }

    private static boolean dependsOn(JsonNode svc, String name) {
        JsonNode d = svc == null ? null : svc.get("depends_on");
        if (d == null) {
            return false;
        }
        if (d.isObject()) {
            return d.has(name);
        }
        for (JsonNode n : d) {
            if (n.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One stage's stack document: its services, every network and volume of the stack (a later stage names them
     * too, and the stack keeps one of each), and only the configs and secrets those services use.
     */
    static ObjectNode document(ObjectNode stack, String stage, Map<String, String> stageOf) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("version", SwarmStack.VERSION);
        ObjectNode services = doc.putObject("services");
        Set<String> configs = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        stack.get("services").fields().forEachRemaining(e -> {
            if (stage.equals(stageOf.get(e.getKey()))) {
                services.set(e.getKey(), e.getValue().deepCopy());
                sources(e.getValue().get("configs"), configs);
                sources(e.getValue().get("secrets"), secrets);
            }
        });
        for (String shared : List.of("networks", "volumes")) {
            if (stack.get(shared) instanceof ObjectNode o) {
                doc.set(shared, o.deepCopy());
            }
        }
        used(stack, "configs", configs, doc);
        used(stack, "secrets", secrets, doc);
        return doc;
    }

    /** The top-level keys a service's {@code configs:} or {@code secrets:} refers to, short or long syntax. */
    private static void sources(JsonNode list, Set<String> into) {
        if (list == null) {
            return;
        }
        for (JsonNode n : list) {
            into.add(n.isTextual() ? n.asText() : n.path("source").asText());
        }
    }

    private static void used(ObjectNode stack, String section, Set<String> keys, ObjectNode doc) {
        if (!(stack.get(section) instanceof ObjectNode all) || keys.isEmpty()) {
            return;
        }
        ObjectNode out = doc.putObject(section);
        all.fields().forEachRemaining(e -> {
            if (keys.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
