package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tarballs written by real {@code docker save}: Docker 20.10's classic layout and Docker 26's OCI layout, read on
 * the laptop to the same image ID, architecture and layer diffIDs the engines report, verified, and refused when a
 * byte is wrong.
 */
@IntegrationTest
class RealSavedTarballsTest {
    private static final String REF = "berth-demo/web:1.0";

    /**
     * Docker 20.10 saved the test images (scripts/test-env.sh) in the classic layout; Docker 26 loads that and saves
     * it again in the OCI layout. The images are compared on Docker 26, which the test leaves as it found it: the
     * first engine's tests expect the demo images absent.
     */
    @Test
    void dockerTwentysClassicLayoutAndDockerTwentySixsOciLayoutAreTheSameImage() throws Exception {
        TestTarget target = TestTarget.get();
        TestTarget.runLocalOk(target.property("docker26.start"));
        String docker26 = target.dockerCmd() + " -H unix://" + target.property("docker26.socket");
        boolean had = TestTarget.runLocal(docker26 + " image inspect " + REF, Duration.ofSeconds(20)).exitCode() == 0;
        try {
            sameImageInBothLayouts(target, docker26);
        } finally {
            if (!had) {
                TestTarget.runLocal(docker26 + " rmi " + REF, Duration.ofSeconds(30));
            }
        }
    }

    private static void sameImageInBothLayouts(TestTarget target, String docker26) throws Exception {
        ImageArchive classic = ImageArchive.read(target.imagesDir().resolve("web-1.0.tar"));
        assertEquals(ImageArchive.Layout.DOCKER_SAVE, classic.layout());
        classic.verify();
        TestTarget.runLocalOk(docker26 + " load -i '" + target.imagesDir().resolve("web-1.0.tar") + "'");
        assertSameAsEngine(classic, docker26);
        Path saved = TestTarget.tempDir("d26-save").resolve("web-1.0.tar");
        TestTarget.runLocalOk(docker26 + " save -o '" + saved + "' " + REF);
        ImageArchive a = ImageArchive.read(saved);
        assertEquals(ImageArchive.Layout.OCI, a.layout());
        assertEquals(List.of(REF), a.repoTags());
        assertSameAsEngine(a, docker26);
        assertEquals(classic.imageId(), a.imageId(), "one image, whichever engine saved it");
        a.verify();

        Path damaged = TestTarget.tempDir("d26-damaged").resolve("web-1.0.tar");
        Files.copy(saved, damaged);
        ImageArchive.Layer last = a.layers().get(a.layers().size() - 1);
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
            f.seek(last.offset() + last.size() / 2);
            int b = f.read();
            f.seek(last.offset() + last.size() / 2);
            f.write(b ^ 1);
        }
        TransferException e = assertThrows(TransferException.class, ImageArchive.read(damaged)::verify);
        assertTrue(e.sentence().en().startsWith("The image tarball web-1.0.tar is damaged: layer "
                + a.layers().size() + " "), e.sentence().en());
    }

    private static void assertSameAsEngine(ImageArchive a, String docker) {
        String[] inspect = TestTarget.runLocalOk(docker + " image inspect --format "
                + "'{{.Id}} {{.Architecture}} {{range .RootFS.Layers}}{{.}},{{end}}' " + REF).strip().split(" ");
        assertEquals(inspect[0], a.imageId());
        assertEquals(inspect[1], a.architecture());
        assertEquals(Arrays.asList(inspect[2].split(",")), a.layers().stream().map(ImageArchive.Layer::diffId).toList());
    }
}
