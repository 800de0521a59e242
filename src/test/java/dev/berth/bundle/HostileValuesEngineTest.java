package dev.berth.bundle;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.target.ComposeVariant;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Quote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile values all the way into a container's environment: written into {@code .env} for the Compose at
 * hand, passed by that Compose to a real engine, printed by the container's own shell. Docker 20.10 with Compose
 * v1, and Docker 26 (started on demand by scripts/test-env.sh) with the Compose v2 plugin.
 */
@IntegrationTest
class HostileValuesEngineTest {
    @TempDir
    Path tmp;

    enum Engine {
        DOCKER_20_COMPOSE_V1, DOCKER_26_COMPOSE_V2
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void valuesReachTheContainerByteForByte(Engine engine) throws Exception {
        TestTarget t = TestTarget.get();
        List<String> compose;
        Map<String, String> env;
        ComposeVariant variant;
        if (engine == Engine.DOCKER_20_COMPOSE_V1) {
            compose = List.of(t.composeCmd());
            env = Map.of();
            variant = ComposeVariant.V1_STANDALONE;
        } else {
            TestTarget.runLocalOk(t.property("docker26.start"));
            compose = List.of(t.dockerCmd(), "compose");
            env = Map.of("DOCKER_HOST", "unix://" + t.property("docker26.socket"),
                    "DOCKER_CONFIG", t.property("compose.v2.plugin.docker.config"));
            variant = ComposeVariant.V2_PLUGIN;
        }
        String dockerHost = env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        String docker = t.dockerCmd() + " -H " + dockerHost;
        boolean loaded = TestTarget.runLocal(docker + " image inspect berth-demo/base:1.0", Duration.ofSeconds(30))
                .exitCode() != 0;
        if (loaded) {
            TestTarget.runLocalOk(docker + " load -q -i " + t.imagesDir().resolve("base-1.0.tar"));
        }
        String project = "berth-hostile-" + engine.ordinal();
        try {
            List<String> values = HostileValuesTest.hostile(tmp);
            StringBuilder dotenv = new StringBuilder();
            StringBuilder yml = new StringBuilder("version: \"2.4\"\nservices:\n  s:\n    image: berth-demo/base:1.0\n"
                    + "    network_mode: none\n    environment:\n");
            StringBuilder printf = new StringBuilder("printf '%s\\0'");
            for (int i = 0; i < values.size(); i++) {
                dotenv.append("V").append(i).append('=').append(Quote.dotenv(values.get(i), variant.dotenvDialect()))
                        .append('\n');
                yml.append("      V").append(i).append(": ${V").append(i).append("}\n");
                printf.append(" \"$V").append(i).append('"');
            }
            yml.append("    command: [\"sh\", \"-c\", ").append(Quote.compose(printf.toString())).append("]\n");
            Path dir = Files.createDirectories(tmp.resolve("project"));
            Files.writeString(dir.resolve(".env"), dotenv);
            Files.writeString(dir.resolve("docker-compose.yml"), yml);

            List<String> argv = new ArrayList<>(compose);
            argv.addAll(List.of("-p", project, "run", "--rm", "-T", "s"));
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), engine + ": " + err);
            List<String> read = new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\0", -1)));
            read.remove(read.size() - 1); // after the last NUL
            assertEquals(values.size(), read.size(), engine + " printed " + read);
            for (int i = 0; i < values.size(); i++) {
                assertEquals(values.get(i), read.get(i), engine + ": V" + i + " written as "
                        + Quote.dotenv(values.get(i), variant.dotenvDialect()));
            }
            assertFalse(Files.exists(tmp.resolve("pwned")), "a value was executed");
        } finally {
            TestTarget.runLocal("cd " + Quote.shell(tmp.resolve("project").toString()) + " && "
                    + envPrefix(env) + String.join(" ", compose) + " -p " + project + " down", Duration.ofMinutes(1));
            if (loaded) {
                TestTarget.runLocal(docker + " rmi berth-demo/base:1.0", Duration.ofSeconds(30));
            }
        }
    }

    private static String envPrefix(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(k).append('=').append(Quote.shell(v)).append(' '));
        return sb.toString();
    }
}
