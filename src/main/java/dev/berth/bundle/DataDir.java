package dev.berth.bundle;

/** A directory created under {@code <installDir>/data/} before the first stage; never removed. */
public record DataDir(String path, String owner, String mode) {}
