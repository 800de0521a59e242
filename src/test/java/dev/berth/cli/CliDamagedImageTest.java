package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.FakeImageTarballs;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import dev.berth.transfer.ImageArchive;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A damaged tarball is refused before any image is sent: the second of two images has a flipped byte, and the
 * server receives nothing of either (no file, no part).
 */
@IntegrationTest
class CliDamagedImageTest {
    private static final String INSTALL_DIR = "/opt/berth-test/damageddemo";

    @RegisterExtension
    static final TestTargetCli CLI = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        TestTarget.runLocal("rm -rf " + INSTALL_DIR, Duration.ofMinutes(1));
    }

    @Test
    void aFlippedByteInTheSecondImageSendsNothingOfEither() throws Exception {
        Path images = FakeImageTarballs.demoImages();
        Path worker = images.resolve("worker-1.0.tar");
        ImageArchive.Layer layer = ImageArchive.read(worker).layers().get(0);
        try (RandomAccessFile f = new RandomAccessFile(worker.toFile(), "rw")) {
            f.seek(layer.offset() + layer.size() / 2);
            f.write(1); // the layer is zeros
        }
        CliRun r = CliRun.run(CLI.withTarget(INSTALL_DIR, "deploy", "--bundle", TestTargetCli.bundle("demo"), "--answers",
                CLI.answers("WEB_PORT: 18494\n").toString(), "--images", images.toString(), "--lang", "en"));
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("The image tarball worker-1.0.tar is damaged: layer 1 does not match its digest"),
                r.toString());
        assertTrue(r.clean(), r.toString());
        assertEquals("", TestTarget.runLocalOk("ls -A " + INSTALL_DIR + "/images 2>/dev/null; true").strip(),
                "no byte of either image reached the server");
    }
}
