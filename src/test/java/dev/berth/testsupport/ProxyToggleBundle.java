package dev.berth.testsupport;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small bundle written by a test: its own bundle.yaml (which must define a bool PROXY) and a compose template with
 * an {@code app} service and a {@code proxy} service that exists only when PROXY is true.
 */
public final class ProxyToggleBundle {
    private static final String COMPOSE = String.join("\n",
            "version: \"2.4\"",
            "services:",
            "  app:",
            "    image: \"x/app:1.0\"",
            "{{#PROXY}}",
            "  proxy:",
            "    image: \"x/proxy:1.0\"",
            "{{/PROXY}}",
            "");

    private ProxyToggleBundle() {}

    /** Writes MANIFEST and the compose template into DIR and loads the bundle from there. */
    public static Bundle write(Path dir, String manifest) throws Exception {
        Files.writeString(dir.resolve("bundle.yaml"), manifest);
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/docker-compose.yml"), COMPOSE);
        return BundleLoader.load(dir);
    }
}
