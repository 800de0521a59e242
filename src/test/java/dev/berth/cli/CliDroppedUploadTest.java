package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.FakeImageTarballs;
import dev.berth.testsupport.TcpRelay;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link drops in the middle of an image upload, through a relay in front of the real sshd: the deploy had not
 * started, so the operator is told that nothing on the server changed and to run the command again (not that "the
 * deployment goes on"), and the server keeps no partial file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@IntegrationTest
class CliDroppedUploadTest {
    private static final String INSTALL_DIR = "/opt/berth-test/dropdemo";
    private static TestTarget target;

    @BeforeAll
    static void setUp() {
        target = TestTarget.get();
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        clean();
    }

    @AfterAll
    static void clean() {
        TestTarget.runLocal("rm -rf " + INSTALL_DIR, Duration.ofMinutes(1));
    }

    @Test
    void aLinkDroppedMidFileSaysNothingChangedAndLeavesNoPartialFile() throws Exception {
        Path images = FakeImageTarballs.demoImages();
        Path answers = Files.writeString(TestTarget.tempDir("drop-answers").resolve("a.yaml"), "WEB_PORT: 18493\n");
        String demo = Path.of(System.getProperty("berth.projectDir"), "bundles", "demo").toString();
        try (TcpRelay relay = new TcpRelay(target.host(), target.port(), false)) {
            relay.dropAfterClientBytes(12L * 1024 * 1024); // well into the first 48 MiB tarball
            CliRun r = CliRun.run("deploy", "--bundle", demo, "--answers", answers.toString(), "--images",
                    images.toString(), "--target", target.user() + "@" + target.host() + ":" + relay.port(),
                    "--identity", target.ed25519Key().toString(), "--host-key", target.hostKeyFingerprint(),
                    "--install-dir", INSTALL_DIR, "--lang", "en");
            assertEquals(ExitCode.DEPLOY_FAILED, r.exitCode(), r.toString());
            assertTrue(r.err().contains("before the deployment started") && r.err().contains("Run the same command"),
                    r.toString());
            assertFalse(r.err().contains("goes on"), r.toString());
            assertTrue(r.clean(), r.toString());
        }
        // The server notices the dropped link on its own time; its upload script then removes the part.
        String parts = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            parts = TestTarget.runLocalOk("find " + INSTALL_DIR + " -name '*.part' 2>/dev/null; true").strip();
            if (parts.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("", parts, "a partial file stayed on the server");
        assertFalse(Files.exists(Path.of(INSTALL_DIR, "current")), "no release went live");
    }
}
