package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.FakeImageTarballs;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import dev.berth.transfer.ImageArchive;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A damaged tarball is refused before any image is sent: the second of two images has a flipped byte, and the
 * server receives nothing of either (no file, no part).
 */
@IntegrationTest
class CliDamagedImageTest {
    private static final String INSTALL_DIR = "/opt/berth-test/damageddemo";

    @BeforeAll
    static void setUp() {
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        clean();
    }

    @AfterAll
    static void clean() {
        TestTarget.runLocal("rm -rf " + INSTALL_DIR, Duration.ofMinutes(1));
    }

    @Test
    void aFlippedByteInTheSecondImageSendsNothingOfEither() throws Exception {
        TestTarget target = TestTarget.get();
        Path images = FakeImageTarballs.demoImages();
        Path worker = images.resolve("worker-1.0.tar");
        ImageArchive.Layer layer = ImageArchive.read(worker).layers().get(0);
        try (RandomAccessFile f = new RandomAccessFile(worker.toFile(), "rw")) {
            f.seek(layer.offset() + layer.size() / 2);
            f.write(1); // the layer is zeros
        }
        Path answers = Files.writeString(TestTarget.tempDir("damaged-answers").resolve("a.yaml"), "WEB_PORT: 18494\n");
        CliRun r = CliRun.run("deploy", "--bundle", Path.of(System.getProperty("berth.projectDir"), "bundles", "demo")
                        .toString(), "--answers", answers.toString(), "--images", images.toString(), "--target",
                target.user() + "@" + target.host() + ":" + target.port(), "--identity", target.ed25519Key().toString(),
                "--host-key", target.hostKeyFingerprint(), "--install-dir", INSTALL_DIR, "--lang", "en");
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("The image tarball worker-1.0.tar is damaged: layer 1 does not match its digest"),
                r.toString());
        assertTrue(r.clean(), r.toString());
        assertEquals("", TestTarget.runLocalOk("ls -A " + INSTALL_DIR + "/images 2>/dev/null; true").strip(),
                "no byte of either image reached the server");
    }
}
