package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.deploy.SecretRedactorTest;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * berth support-bundle against the real target: a deployment whose secrets hold {@code &#/,$()}, quotes and a
 * newline, written on the server in every encoding Berth writes (and the demo's own .env and token script); the
 * bundle has what a helper needs and none of the secrets in any of those forms.
 */
@IntegrationTest
class CliSupportBundleTest {
    private static final String INSTALL_DIR = "/opt/berth-test/support-demo";
    private static final String DEMO = TestTargetCli.bundle("demo");
    /** 32 characters, as the demo's API_TOKEN must be. */
    private static final String TOKEN = String.format("%-32s", "&#/,$()'\"\\`;|<>x").replace(' ', 'z');

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    @Test
    void theBundleHoldsWhatAHelperNeedsAndNoSecretInAnyForm() throws Exception {
        String yamlToken = "'" + TOKEN.replace("'", "''") + "'";
        CliRun deploy = cli.deploy(INSTALL_DIR, DEMO, "WEB_PORT: 18498\nAPI_TOKEN: " + yamlToken + "\n");
        assertEquals(ExitCode.OK, deploy.exitCode(), deploy.toString());
        // A generated secret with a newline, kept by the install, and a file of the live release holding both
        // secrets as Berth writes values (plain, JSON, .env, shell, base64).
        String extra = SecretRedactorTest.HOSTILE;
        Path local = TestTarget.tempDir("support").resolve("extra.txt");
        List<String> written = new ArrayList<>();
        for (String s : List.of(TOKEN, extra)) {
            written.addAll(SecretRedactorTest.forms(s));
        }
        Files.writeString(local, String.join("\n", written) + "\n");
        String current = INSTALL_DIR + "/current/";
        TestTarget.runLocalOk("cp '" + local + "' " + current + "extra.txt && printf 'EXTRA_KEY: %s\\n' '"
                + "\"" + extra.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("'", "'\\''")
                + "\"' >> " + INSTALL_DIR + "/.berth/secrets.yaml");

        Path out = TestTarget.tempDir("support-out").resolve("bundle.tar.gz");
        CliRun r = CliRun.run(cli.withTarget(INSTALL_DIR, "support-bundle", "--out", out.toString()));
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

        Path unpacked = TestTarget.tempDir("support-unpacked");
        TestTarget.runLocalOk("tar -xzf '" + out + "' -C '" + unpacked + "'");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(unpacked)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<String> names = files.stream().map(p -> unpacked.relativize(p).toString().replaceFirst("^[^/]+/", "")).toList();
        for (String need : List.of("SUMMARY.txt", "facts.txt", "docker/ps.txt", "docker/inspect.json",
                "release/docker-compose.yml", "release/.env", "release/extra.txt", "server/memory.txt",
                "server/disk.txt", "server/kernel-oom.txt")) {
            assertTrue(names.contains(need), need + " in " + names);
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("journals/")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("logs/")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.contains("answers.yaml") || n.contains("secrets")), names.toString());
        String summary = Files.readString(files.get(names.indexOf("SUMMARY.txt")));
        assertTrue(summary.contains(": succeeded"), summary);
        assertTrue(summary.contains("Every container of the project is up"), summary);

        List<String> forbidden = new ArrayList<>();
        for (String s : List.of(TOKEN, extra)) {
            forbidden.addAll(SecretRedactorTest.forms(s));
        }
        forbidden.add(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
        for (Path f : files) {
            String text = Files.readString(f);
            for (String secret : forbidden) {
                assertFalse(text.contains(secret), unpacked.relativize(f) + " holds a secret: " + secret);
            }
        }
        assertTrue(Files.readString(files.get(names.indexOf("release/extra.txt"))).contains("[REDACTED]"));
    }
}
