package dev.berth.profile;

import java.nio.file.Path;

/**
 * Berth's folder on the laptop: pinned host keys, profiles, logs. {@code BERTH_HOME} (environment), then the
 * {@code berth.home} system property, else {@code ~/.berth}. Lives in the engine so the CLI and the wizard agree.
 */
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
