package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real docker-compose 1.29.2 {@code config} (it needs no daemon) and parses what it prints. */
final class DockerCompose {
    static final String BINARY = "/usr/bin/docker-compose";

    private DockerCompose() {}

    /** {@code docker-compose config} in {@code dir}; fails the test with compose's own words on error. */
    static JsonNode config(Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(BINARY, "config"))
                .directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME") && !k.equals("LANG"));
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker-compose config did not finish");
        }
        assertEquals(0, p.exitValue(), "docker-compose config failed: " + new String(err, StandardCharsets.UTF_8));
        return new ObjectMapper(new YAMLFactory()).readTree(out);
    }

    /** Compose prints every literal '$' as '$$'; this undoes that for a value read from its output. */
    static String unescape(String printed) {
        return printed.replace("$$", "$");
    }
}
