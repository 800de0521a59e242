package dev.berth.ui.dashboard;

import java.time.Instant;

/** One reading of a service's CPU and memory, for the dashboard's chart. */
public record Sample(Instant at, double cpuPercent, long memoryBytes) {}
