package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks every {@code when:} of bundle.yaml: of a parameter, a stage, probe or endpoint, an image and a
 * check. Only choice and bool parameters can be tested, each for its own values (the rule itself: {@link Conditions}).
 */
final class WhenReader {
    private final ManifestReader r;

    WhenReader(ManifestReader r) {
        this.r = r;
    }

    /** The {@code when} of a step, image or check, read and checked against the parameters. */
    Map<String, List<String>> readChecked(MapNode node, String at, List<Parameter> params) {
        Map<String, List<String>> when = read(node, at);
        check(at, null, when, node, params);
        return when;
    }

    /** The condition under {@code pm}'s key {@code when} (empty when there is none), not yet checked. */
    Map<String, List<String>> read(MapNode pm, String at) {
        MapNode w = r.map(pm, "when", at);
        if (w == null) {
            return Map.of();
        }
        Map<String, List<String>> when = new LinkedHashMap<>();
        for (YamlNode.Entry e : w.entries().values()) {
            List<YamlNode> items = e.value() instanceof YamlNode.ListNode l ? l.items() : List.of(e.value());
            List<String> values = new ArrayList<>();
            for (YamlNode item : items) {
                String v = r.text(item, at + ".when." + e.key());
                if (v != null) {
                    values.add(v);
                }
            }
            when.put(e.key(), values);
        }
        return when;
    }

    /** Checks a {@code when} of a parameter ({@code self}) or of a step ({@code self} null) found in {@code pm}. */
    void check(String who, Parameter self, Map<String, List<String>> when, MapNode pm,
            List<Parameter> params) {
        MapNode w = pm == null ? null : r.value(pm, "when") instanceof MapNode x ? x : null;
        for (Map.Entry<String, List<String>> e : when.entrySet()) {
            int line = w == null ? pm.line() : w.get(e.getKey()).keyLine();
            Parameter other = params.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            Parameter p = self;
            if (other == null) {
                r.problem(line, who + " 的 when 引用了未定义的参数 " + e.getKey() + "。",
                        who + ": when names " + e.getKey() + ", which is not a parameter.");
                continue;
            }
            if (other == p) {
                r.problem(line, who + " 的 when 不能引用它自己。", who + ": when cannot name the parameter itself.");
                continue;
            }
            List<String> allowed;
            if (other.type() == ParamType.BOOL) {
                allowed = List.of("true", "false");
            } else if (other.type() == ParamType.CHOICE) {
                allowed = other.choices().stream().map(Choice::value).toList();
            } else {
                r.problem(line, who + " 的 when 只能依据 choice 或 bool 参数，" + other.name() + " 是 "
                        + other.type().yamlName() + "。", who + ": when can only test choice or bool parameters; "
                        + other.name() + " is " + other.type().yamlName() + ".");
                continue;
            }
            for (String v : e.getValue()) {
                if (!allowed.contains(v)) {
                    r.problem(line, who + " 的 when 中 " + other.name() + " 没有取值 '" + v + "'（可用："
                            + String.join(", ", allowed) + "）。", who + ": when tests " + other.name() + " for '"
                            + v + "', which is not one of its values (" + String.join(", ", allowed) + ").");
                }
            }
        }
    }
}
