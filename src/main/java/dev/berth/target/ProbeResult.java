package dev.berth.target;

import java.time.Duration;

/** The facts of one probe and how long the round trip took. */
public record ProbeResult(Facts facts, Duration wallTime, int exitCode, String stderr) {}
