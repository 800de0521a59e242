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
 * started, so the operator is told that nothing on the server changed, how much arrived and that running the command
 * again goes on from there (not that "the deployment goes on"); the part stays under a name docker load is never
 * given, and the next run does go on from it.
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
    void aLinkDroppedMidFileSaysNothingChangedAndTheNextRunGoesOnFromWhatArrived() throws Exception {
        Path images = FakeImageTarballs.demoImages();
        Path answers = Files.writeString(TestTarget.tempDir("drop-answers").resolve("a.yaml"), "WEB_PORT: 18493\n");
        long firstDrop = 12L * 1024 * 1024; // well into the first 48 MiB tarball
        CliRun r = deployDroppingAfter(images, answers, firstDrop);
        assertEquals(ExitCode.DEPLOY_FAILED, r.exitCode(), r.toString());
        assertTrue(r.err().contains("before the deployment started") && r.err().contains("What arrived is kept on the"
                + " server; run the same command again to go on from there."), r.toString());
        assertFalse(r.err().contains("goes on on the server"), r.toString());
        assertTrue(r.clean(), r.toString());
        long kept = partSize();
        assertTrue(kept > 0 && kept <= firstDrop, "the part holds what arrived: " + kept);
        assertFalse(Files.exists(Path.of(INSTALL_DIR, "images", "web-1.0.tar")), "no file docker load would take");
        // "At least 80.1 MB of the 92.0 MB to send is left.": bytes handed to the link include what arrived.
        java.util.regex.Matcher left = java.util.regex.Pattern.compile("At least (\\S+ \\S+) of the (\\S+ \\S+) to send is left\\.")
                .matcher(r.err());
        assertTrue(left.find(), r.toString());
        assertTrue(bytes(left.group(1)) <= bytes(left.group(2)) - kept + (1 << 20),
                "at most what did not arrive: " + left.group() + ", " + kept + " bytes arrived");

        // The same command again, dropped again: a run that started from zero could not hold more than it sent.
        long secondDrop = 12L * 1024 * 1024;
        CliRun again = deployDroppingAfter(images, answers, secondDrop);
        assertEquals(ExitCode.DEPLOY_FAILED, again.exitCode(), again.toString());
        assertTrue(again.err().contains("Going on with web-1.0.tar from where it stopped: "
                + dev.berth.transfer.TransferPlan.size(kept) + " arrived before, "), again.toString());
        long after = partSize();
        assertTrue(after > secondDrop, "the second run went on from the " + kept + " bytes kept: the part holds "
                + after);
        assertFalse(Files.exists(Path.of(INSTALL_DIR, "current")), "no release went live");
    }

    /** "80.1 MB" back to bytes, as TransferPlan.size wrote it (1024-based). */
    private static long bytes(String size) {
        String[] p = size.split(" ");
        int power = java.util.List.of("B", "KB", "MB", "GB").indexOf(p[1]);
        return (long) (Double.parseDouble(p[0]) * Math.pow(1024, power));
    }

    private static CliRun deployDroppingAfter(Path images, Path answers, long bytes) throws Exception {
        String demo = Path.of(System.getProperty("berth.projectDir"), "bundles", "demo").toString();
        try (TcpRelay relay = new TcpRelay(target.host(), target.port(), false)) {
            relay.dropAfterClientBytes(bytes);
            return CliRun.run("deploy", "--bundle", demo, "--answers", answers.toString(), "--images",
                    images.toString(), "--target", target.user() + "@" + target.host() + ":" + relay.port(),
                    "--identity", target.ed25519Key().toString(), "--host-key", target.hostKeyFingerprint(),
                    "--install-dir", INSTALL_DIR, "--lang", "en");
        }
    }

    /**
     * The size of web-1.0.tar's part once the server has noticed the dropped link (its side ends on its own time).
     */
    private static long partSize() throws InterruptedException {
        Path part = Path.of(INSTALL_DIR, "images", "web-1.0.tar.part");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String pids = TestTarget.runLocal("pgrep -f 'sh -c set -e; umask 022; mkdir -p'", Duration.ofSeconds(5))
                    .output().strip();
            if (pids.isEmpty() && Files.exists(part)) {
                return Long.parseLong(TestTarget.runLocalOk("stat -c %s '" + part + "'").strip());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server's upload did not end within 20 s, or left no part");
    }
}
