package dev.berth.bundle;

import dev.berth.text.Localized;

/** Something to show the operator at the end; {@code note} may be null. */
public record Endpoint(Localized label, String url, Localized note) {}
