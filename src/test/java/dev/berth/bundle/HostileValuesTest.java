package dev.berth.bundle;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.text.DotenvDialect;
import dev.berth.text.Quote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Values that break naive templating, written with {@link Quote} and read back by the real parsers: Compose
 * 1.29.2 and 2.26 (standalone and plugin) for .env and compose files, bash and dash for shell files, Jackson for YAML and JSON. Byte for byte,
 * and nothing they contain is ever executed.
 */
@IntegrationTest
class HostileValuesTest {
    @TempDir
    Path tmp;

    private List<String> values() {
        return hostile(tmp);
    }

    /** The hostile values; those that would run a command touch {@code dir/pwned}. */
    static List<String> hostile(Path dir) {
        String pwned = dir.resolve("pwned").toString();
        return List.of(
                "it's", "say \"hi\"", "'", "\"", "''", "\"\"",
                "$(touch " + pwned + ")", "`touch " + pwned + "`", "${HOME}", "$HOME", "${", "$${HOME}", "${:-x}",
                "${HOME:-$(touch " + pwned + ")}", "a $ b", "trailing $",
                "line1\nline2", "\nstarts with newline", "ends with newline\n", "cr\r\nlf",
                "&#/,", "# not a comment", "key: value", "- item", "*alias", "&anchor", "!tag", "%percent", "@at",
                "$name", "${name}", "$${}{", "$$", "a$", "\\$HOME", "\\${HOME}", "${}",
                "{a: b}", "[1, 2]", "back\\slash", "double \\\\ backslash", "ends with \\", "\\'", "\\\"", "\\n literal",
                " spaced  out ", "tab\there", "中文 汉字", "emoji 🚀", "=equals=", "semi;colon", "pipe | and > <",
                "",
                // YAML parsers fold or refuse these unless escaped: NEL, C1 controls, line/paragraph separators,
                // non-characters, a BOM, a no-break space.
                "nel\u0085here", "\u0085", "c1 \u0080\u0081\u009b\u009f", "ls\u2028ps\u2029", "\u2028",
                "non\ufffe\uffff\ufdd0\ufdef", "plane 1 \ud83f\udffe\ud83f\udfff", "\ufeffbom", "nbsp\u00a0", "del\u007f", "esc\u001b[0m");
    }

    private void assertNothingRan() {
        assertFalse(Files.exists(tmp.resolve("pwned")), "a value was executed");
    }

    @ParameterizedTest
    @EnumSource(DockerCompose.class)
    void dotenvReadByDockerCompose(DockerCompose reader) throws Exception {
        DotenvDialect dialect = reader.variant().dotenvDialect();
        List<String> values = values();
        Path dir = Files.createDirectories(tmp.resolve("env"));
        StringBuilder env = new StringBuilder();
        StringBuilder compose = new StringBuilder("version: \"2.4\"\nservices:\n  s:\n    image: busybox:1\n"
                + "    environment:\n");
        for (int i = 0; i < values.size(); i++) {
            env.append("V").append(i).append('=').append(Quote.dotenv(values.get(i), dialect)).append('\n');
            compose.append("      V").append(i).append(": ${V").append(i).append("}\n");
        }
        Files.writeString(dir.resolve(".env"), env);
        Files.writeString(dir.resolve("docker-compose.yml"), compose);
        JsonNode environment = reader.configIn(dir).path("services").path("s").path("environment");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), reader.value(environment.path("V" + i)),
                    "V" + i + " written as " + Quote.dotenv(values.get(i), dialect));
        }
        assertNothingRan();
    }

    @ParameterizedTest
    @EnumSource(DockerCompose.class)
    void composeValuesReadByDockerCompose(DockerCompose reader) throws Exception {
        List<String> values = values();
        Path dir = Files.createDirectories(tmp.resolve("compose"));
        StringBuilder compose = new StringBuilder("version: \"2.4\"\nservices:\n  s:\n    image: busybox:1\n"
                + "    environment:\n");
        for (int i = 0; i < values.size(); i++) {
            compose.append("      V").append(i).append(": ").append(Quote.compose(values.get(i))).append('\n');
        }
        Files.writeString(dir.resolve("docker-compose.yml"), compose);
        JsonNode environment = reader.configIn(dir).path("services").path("s").path("environment");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), reader.value(environment.path("V" + i)),
                    "V" + i + " written as " + Quote.compose(values.get(i)));
        }
        assertNothingRan();
    }

    @Test
    void yamlAndJsonReadByJackson() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectMapper json = new ObjectMapper();
        for (String v : values()) {
            assertEquals(v, yaml.readTree("key: " + Quote.yaml(v) + "\n").path("key").asText(), Quote.yaml(v));
            assertEquals(v, yaml.readTree("- " + Quote.yaml(v) + "\n").get(0).asText(), Quote.yaml(v));
            assertEquals(v, json.readTree("{\"key\": " + Quote.json(v) + "}").path("key").asText(), Quote.json(v));
        }
    }

    @Test
    void shellFileSourcedByBash() throws Exception {
        shellRoundTrip("/bin/bash");
    }

    @Test
    void shellFileSourcedByDash() throws Exception {
        shellRoundTrip("/bin/sh");
    }

    private void shellRoundTrip(String shell) throws Exception {
        List<String> values = values();
        StringBuilder file = new StringBuilder();
        StringBuilder printf = new StringBuilder("printf '%s\\0'");
        for (int i = 0; i < values.size(); i++) {
            file.append("V").append(i).append('=').append(Quote.shell(values.get(i))).append('\n');
            printf.append(" \"$V").append(i).append('"');
        }
        Path sourced = tmp.resolve("values.sh");
        Files.writeString(sourced, file);
        Process p = new ProcessBuilder(shell, "-c", ". " + Quote.shell(sourced.toString()) + " && " + printf)
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), err);
        List<String> read = new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\0", -1)));
        read.remove(read.size() - 1); // after the last NUL
        assertEquals(values, read);
        assertNothingRan();
    }
}
