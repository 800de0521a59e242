package dev.berth.bundle;

import java.util.List;
import java.util.Map;

/**
 * An HTTP health check judged from the server after the last stage. {@code contains} may be null. {@code when}
 * (empty = always) as for {@link Stage}.
 */
public record Probe(String name, String url, int status, String contains, Map<String, List<String>> when) {
    public Probe {
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    public Probe(String name, String url, int status, String contains) {
        this(name, url, status, contains, Map.of());
    }
}
