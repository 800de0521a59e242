package dev.berth.cli;

import java.nio.file.Path;

/** Berth's folder on the laptop: pinned host keys, profiles, logs. {@code BERTH_HOME} overrides {@code ~/.berth}. */
public final class BerthHome {
    private BerthHome() {}

    public static Path get() {
        String env = System.getenv("BERTH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty("berth.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("user.home"), ".berth");
    }
}
