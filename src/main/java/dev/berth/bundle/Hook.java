package dev.berth.bundle;

import java.util.List;

/**
 * A command run after a stage is ready; must be idempotent. {@code service} null = run on the host, otherwise
 * inside that service with {@code compose exec -T}. {@code command} is an argv (templates until rendered).
 */
public record Hook(String name, String after, String service, List<String> command, int timeoutSeconds) {
    public Hook {
        command = List.copyOf(command);
    }
}
