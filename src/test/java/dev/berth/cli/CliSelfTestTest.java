package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth --self-test}: what the packaged launcher runs in CI to catch packaging mistakes. */
@IntegrationTest
class CliSelfTestTest {
    private static TestTarget target;
    private static String bundles;

    @BeforeAll
    static void setUp() {
        target = TestTarget.get();
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        bundles = Path.of(System.getProperty("berth.projectDir"), "bundles").toString();
    }

    @Test
    void passesWithEveryBundleAndARealServer() {
        CliRun r = CliRun.run("--self-test", "--bundles-dir", bundles, "--target",
                target.user() + "@" + target.host() + ":" + target.port(), "--identity", target.ed25519Key().toString(),
                "--host-key", target.hostKeyFingerprint());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        for (String id : new String[] {"cadchat", "costrict", "coze-studio", "demo", "zhugeshenma"}) {
            assertTrue(r.out().contains(id + " "), id + " is loaded: " + r);
        }
        assertTrue(r.out().contains("✓ SSH key exchange"), r.toString());
        assertTrue(r.out().contains("✓ JavaFX modules"), r.toString());
        assertTrue(r.out().contains("✓ SSH connection and server probe"), r.toString());
        assertTrue(r.out().contains("Self-test passed."), r.toString());
    }

    @Test
    void failsWhenTheBundlesAreMissing(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty.resolve("broken"));
        CliRun r = CliRun.run("--self-test", "--bundles-dir", empty.toString());
        assertEquals(ExitCode.INTERNAL, r.exitCode(), r.toString());
        assertTrue(r.out().contains("✗ Bundles"), r.toString());
        assertTrue(r.err().contains("Self-test failed") && r.err().contains("Bundles ("), r.toString());
        assertTrue(r.clean(), r.toString());
    }
}
