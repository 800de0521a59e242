package dev.berth.profile;

import dev.berth.text.Localized;

/** A profile file that is there but cannot be read; listed so the operator can fix or delete it. */
public record ProfileProblem(String name, Localized message) {}
