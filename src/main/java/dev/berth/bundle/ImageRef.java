package dev.berth.bundle;

/** An image the bundle runs: its reference, its tarball's file name, and optionally the tarball's sha256. */
public record ImageRef(String ref, String file, String sha256) {}
