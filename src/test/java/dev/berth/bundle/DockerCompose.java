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
import java.util.ArrayList;
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
        return V1.configIn(dir);
    }

    /** {@code config} in {@code dir}; fails the test with compose's own words on error. */
    JsonNode configIn(Path dir) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        String dockerConfig = null;
        switch (this) {
            case V1 -> argv.add(V1_BINARY);
            case V2_STANDALONE -> argv.add(TestTarget.get().property("compose.v2.cmd"));
            case V2_PLUGIN -> {
                argv.addAll(List.of(TestTarget.get().dockerCmd(), "compose"));
                dockerConfig = TestTarget.get().property("compose.v2.plugin.docker.config");
            }
        }
        argv.add("config");
        if (this != V1) {
            // v2's YAML printer drops a value's leading newline (a "|2-" block); its JSON keeps every byte.
            argv.addAll(List.of("--format", "json"));
        }
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
            throw new AssertionError(this + " config did not finish");
        }
        assertEquals(0, p.exitValue(), this + " config failed: " + new String(err, StandardCharsets.UTF_8));
        return new ObjectMapper(new YAMLFactory()).readTree(out);
    }

    /** Compose prints every literal '$' as '$$'; this undoes that for a value read from its output. */
    static String unescape(String printed) {
        return printed.replace("$$", "$");
    }
}
