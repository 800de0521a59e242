package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.target.ComposeVariant;
import dev.berth.testsupport.TestTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real Compose's {@code config} (it needs no daemon) and parses what it prints: Debian's docker-compose
 * 1.29.2, or Debian 13's Compose 2.26 (standalone, or as the {@code docker compose} plugin) that
 * scripts/test-env.sh unpacks.
 */
enum DockerCompose {
    V1(ComposeVariant.V1_STANDALONE),
    V2_STANDALONE(ComposeVariant.V2_STANDALONE),
    V2_PLUGIN(ComposeVariant.V2_PLUGIN);

    static final String V1_BINARY = "/usr/bin/docker-compose";

    private final ComposeVariant variant;

    DockerCompose(ComposeVariant variant) {
        this.variant = variant;
    }

    ComposeVariant variant() {
        return variant;
    }

    /** {@code docker-compose config} in {@code dir} with Compose v1; fails the test with compose's own words. */
    static JsonNode config(Path dir) throws IOException, InterruptedException {
        return run(dir, List.of(V1_BINARY, "config"), null, new ObjectMapper(new YAMLFactory()));
    }

    /**
     * The project in {@code dir} as this Compose reads it, every value byte for byte; fails the test with
     * compose's own words on error. Read values with {@link #value}.
     */
    JsonNode configIn(Path dir) throws IOException, InterruptedException {
        return switch (this) {
            // v1's `config` prints through PyYAML, whose emitter writes NEL, LS and PS as raw line breaks that
            // read back as spaces; the same reading code of compose itself, printed as JSON, keeps them.
            case V1 -> run(dir, List.of("/usr/bin/python3", v1Script()), null, new ObjectMapper());
            // v2's YAML printer drops a value's leading newline (a "|2-" block); its JSON keeps every byte.
            case V2_STANDALONE -> run(dir, List.of(TestTarget.get().property("compose.v2.cmd"), "config", "--format",
                    "json"), null, new ObjectMapper());
            case V2_PLUGIN -> run(dir, List.of(TestTarget.get().dockerCmd(), "compose", "config", "--format", "json"),
                    TestTarget.get().property("compose.v2.plugin.docker.config"), new ObjectMapper());
        };
    }

    /** A value as {@link #configIn} printed it: v2 prints each literal '$' as '$$'. */
    String value(JsonNode printed) {
        return this == V1 ? printed.asText() : unescape(printed.asText());
    }

    private static String v1Script() {
        try {
            return Path.of(DockerCompose.class.getResource("compose-v1-config.py").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode run(Path dir, List<String> argv, String dockerConfig, ObjectMapper parser)
            throws IOException, InterruptedException {
        TestTarget.requireIntegrationTier();
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME") && !k.equals("LANG"));
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        if (dockerConfig != null) {
            pb.environment().put("DOCKER_CONFIG", dockerConfig);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(argv + " did not finish");
        }
        assertEquals(0, p.exitValue(), argv + " failed: " + new String(err, StandardCharsets.UTF_8));
        return parser.readTree(out);
    }

    /** Compose prints every literal '$' as '$$'; this undoes that for a value read from its output. */
    static String unescape(String printed) {
        return printed.replace("$$", "$");
    }
}
