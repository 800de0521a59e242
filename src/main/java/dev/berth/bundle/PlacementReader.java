package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks {@code placement:} of bundle.yaml (see {@link Placement}). */
final class PlacementReader {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    private final ManifestReader r;
    private final StepReader steps;

    PlacementReader(ManifestReader r, StepReader steps) {
        this.r = r;
        this.steps = steps;
    }

    Map<String, Placement> read(MapNode m, Set<String> services) {
        Map<String, Placement> out = new LinkedHashMap<>();
        MapNode p = r.has(m, "placement") ? r.map(m, "placement", "bundle.yaml") : null;
        if (p == null) {
            return out;
        }
        for (var e : p.entries().values()) {
            String service = e.key();
            String at = "placement." + service;
            steps.checkServices(java.util.List.of(service), services, e.value(), "placement");
            MapNode s = r.map(e.value(), at);
            if (s == null) {
                continue;
            }
            r.keys(s, at, "label", "replicas");
            String label = r.text(s, "label", at, false);
            if (label != null && !LABEL.matcher(label).matches()) {
                r.problem(r.value(s, "label").line(), at + " 的 label 只能包含小写字母、数字和 _.-。",
                        at + ": label may only hold lower-case letters, digits and _.-.");
            }
            Long replicas = r.integer(s, "replicas", at);
            if (replicas != null && (replicas < 1 || replicas > 100)) {
                r.problem(r.value(s, "replicas").line(), at + " 的 replicas 必须在 1 到 100 之间。",
                        at + ": replicas must be between 1 and 100.");
            }
            out.put(service, new Placement(label, replicas == null ? 1 : replicas.intValue()));
        }
        return out;
    }
}
