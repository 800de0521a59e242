package dev.berth.bundle;

import java.util.List;

/**
 * A command an upgrade runs once ({@code migrations:} in bundle.yaml): when the version live on the server matches
 * {@code from}, after stage {@code after} is ready, inside {@code service} (or on the host when null). The server
 * records that it ran, so a redeploy of the same version never runs it twice; it must be idempotent all the same (a
 * job stopped half-way runs it again).
 *
 * @param from comparisons the live version must all meet, such as {@code ">=4.0.0 <4.1.0"}
 */
public record Migration(String name, String from, String after, String service, List<String> command,
                        int timeoutSeconds) {
    public Migration {
        command = List.copyOf(command);
    }

    /** The same migration run as the hook it is, once its condition has been judged. */
    public Hook asHook() {
        return new Hook(name, after, service, command, timeoutSeconds);
    }
}
