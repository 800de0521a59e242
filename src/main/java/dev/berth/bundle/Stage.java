package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;

/** Services brought up together with {@code compose up -d <services>}, then waited for. */
public record Stage(String name, Localized label, List<String> services, Readiness ready, int timeoutSeconds) {
    public Stage {
        services = List.copyOf(services);
    }
}
