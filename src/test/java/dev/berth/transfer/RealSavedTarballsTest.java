package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void dockerTwentysClassicLayoutIsTheImageTheEngineHas() throws Exception {
        TestTarget target = TestTarget.get();
        ImageArchive a = ImageArchive.read(target.imagesDir().resolve("web-1.0.tar"));
        assertEquals(ImageArchive.Layout.DOCKER_SAVE, a.layout());
        assertSameAsEngine(a, target.dockerCmd());
        a.verify();
    }

    @Test
    void dockerTwentySixWritesTheOciLayoutOfTheSameImage() throws Exception {
        TestTarget target = TestTarget.get();
        TestTarget.runLocalOk(target.property("docker26.start"));
        String docker26 = target.dockerCmd() + " -H unix://" + target.property("docker26.socket");
        TestTarget.runLocalOk(docker26 + " load -i '" + target.imagesDir().resolve("web-1.0.tar") + "'");
        Path saved = TestTarget.tempDir("d26-save").resolve("web-1.0.tar");
        TestTarget.runLocalOk(docker26 + " save -o '" + saved + "' " + REF);
        ImageArchive a = ImageArchive.read(saved);
        assertEquals(ImageArchive.Layout.OCI, a.layout());
        assertEquals(List.of(REF), a.repoTags());
        assertSameAsEngine(a, docker26);
        assertEquals(ImageArchive.read(target.imagesDir().resolve("web-1.0.tar")).imageId(), a.imageId(),
                "one image, whichever engine saved it");
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
