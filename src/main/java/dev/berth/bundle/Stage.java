package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;
import java.util.Map;

/**
 * Services brought up together with {@code compose up -d <services>}, then waited for. {@code when} (empty = always)
 * names choice/bool parameters and their values: a stage whose condition is not met is left out of the release,
 * for services the compose template only renders when the operator chose them.
 */
public record Stage(String name, Localized label, List<String> services, Readiness ready, int timeoutSeconds,
        Map<String, List<String>> when) {
    public Stage {
        services = List.copyOf(services);
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    public Stage(String name, Localized label, List<String> services, Readiness ready, int timeoutSeconds) {
        this(name, label, services, ready, timeoutSeconds, Map.of());
    }
}
