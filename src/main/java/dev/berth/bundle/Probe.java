package dev.berth.bundle;

/** An HTTP health check judged from the server after the last stage. {@code contains} may be null. */
public record Probe(String name, String url, int status, String contains) {}
