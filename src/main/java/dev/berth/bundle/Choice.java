package dev.berth.bundle;

import dev.berth.text.Localized;

/** One allowed value of a {@code choice} parameter. */
public record Choice(String value, Localized label) {}
