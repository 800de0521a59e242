package dev.berth.bundle;

import java.util.List;

/** When a stage counts as ready. */
public sealed interface Readiness {

    /** Every service of the stage reports healthy (its compose healthcheck passes). */
    record Healthy() implements Readiness {}

    /** Every service of the stage is running. */
    record Running() implements Readiness {}

    /** Every service of the stage ran and exited with status 0 (one-off jobs such as migrations). */
    record Exited0() implements Readiness {}

    /** An HTTP GET from the server answers with {@code status}; the URL is a template until rendered. */
    record Http(String urlTemplate, int status) implements Readiness {}

    /** A command run on the server exits 0; each argument is a template until rendered. */
    record Command(List<String> argv) implements Readiness {
        public Command {
            argv = List.copyOf(argv);
        }
    }
}
