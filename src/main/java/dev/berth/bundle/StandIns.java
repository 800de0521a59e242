package dev.berth.bundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plausible values for every parameter, to render a compose file at load time and read its services. */
final class StandIns {
    private StandIns() {}

    static final Builtins BUILTINS = Builtins.of("/opt/berth", "standin", "standin", "example.com");

    static Map<String, Object> context(List<Parameter> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : params) {
            values.put(p.name(), value(p));
        }
        return RenderContext.of(values, BUILTINS);
    }

    private static Object value(Parameter p) {
        if (p.defaultValue() != null) {
            return p.defaultValue();
        }
        return switch (p.type()) {
            case INT -> p.min() != null ? p.min() : 1L;
            case PORT -> p.min() != null ? p.min() : 10000L;
            case BOOL -> Boolean.TRUE;
            case HOST -> "example.com";
            case URL -> "http://example.com/";
            case CHOICE -> p.choices().isEmpty() ? "x" : p.choices().get(0).value();
            case LIST -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                for (Parameter f : p.fields()) {
                    entry.put(f.name(), value(f));
                }
                yield List.of(entry);
            }
            default -> "standin";
        };
    }
}
