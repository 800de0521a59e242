package dev.berth.bundle;

import dev.berth.text.Localized;

/** A form section; parameters name it with {@code group:}. */
public record Group(String id, Localized label) {}
