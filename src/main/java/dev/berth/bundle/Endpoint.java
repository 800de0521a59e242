package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;
import java.util.Map;

/** Something to show the operator at the end; {@code note} may be null. {@code when} as for {@link Stage}. */
public record Endpoint(Localized label, String url, Localized note, Map<String, List<String>> when) {
    public Endpoint {
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    public Endpoint(Localized label, String url, Localized note) {
        this(label, url, note, Map.of());
    }
}
