package dev.berth.target;

/** One GPU as {@code nvidia-smi --query-gpu=index,name,memory.total,driver_version} reports it. */
public record Gpu(int index, String name, long memoryMiB, String driver) {}
