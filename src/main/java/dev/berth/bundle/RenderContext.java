package dev.berth.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Mustache context: parameter values, list entries with their 0-based {@code index}, and {@code berth}. */
final class RenderContext {
    private RenderContext() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Map<String, Object> values, Builtins builtins) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                List<Map<String, Object>> entries = new ArrayList<>();
                int i = 0;
                for (Object entry : list) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) entry);
                    copy.put("index", (long) i++);
                    entries.add(copy);
                }
                v = entries;
            }
            ctx.put(e.getKey(), v);
        }
        ctx.put("berth", builtins.asMap());
        return ctx;
    }
}
