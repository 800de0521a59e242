package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.ImageTarballWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The laptop reads an image tarball in both layouts docker save writes and refuses a damaged one, naming the file,
 * before a byte of it is sent.
 */
class ImageArchiveTest {
    @TempDir
    Path dir;

    private static ImageTarballWriter twoLayers() {
        return ImageTarballWriter.image("berth-demo/web:1.0")
                .layer("base", "the shared base layer".repeat(200).getBytes(StandardCharsets.UTF_8))
                .layer("app", "the application".repeat(100).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theClassicLayoutIsReadWithItsConfigAndLayers() throws Exception {
        ImageTarballWriter image = twoLayers().architecture("arm64");
        ImageArchive a = ImageArchive.read(image.write(dir.resolve("web.tar")));
        assertEquals(ImageArchive.Layout.DOCKER_SAVE, a.layout());
        assertEquals(image.imageId(), a.imageId());
        assertEquals("arm64", a.architecture());
        assertEquals("linux", a.os());
        assertEquals(List.of("berth-demo/web:1.0"), a.repoTags());
        assertEquals(2, a.layers().size());
        assertTrue(a.layers().stream().allMatch(l -> l.diffId().matches("sha256:[0-9a-f]{64}") && !l.compressed()));
        assertTrue(a.layers().get(0).member().endsWith("/layer.tar"));
        a.verify();
    }

    @Test
    void theOciLayoutOfDocker25IsReadWithACompressedLayerCheckedAsDecompressed() throws Exception {
        ImageTarballWriter image = twoLayers().gzipLast().oci();
        ImageArchive a = ImageArchive.read(image.write(dir.resolve("web.tar")));
        assertEquals(ImageArchive.Layout.OCI, a.layout());
        assertEquals(image.imageId(), a.imageId());
        assertEquals(List.of("berth-demo/web:1.0"), a.repoTags(), "the index's name is the same image name");
        assertFalse(a.layers().get(0).compressed());
        assertTrue(a.layers().get(1).compressed());
        assertTrue(a.layers().get(1).member().startsWith("blobs/sha256/"));
        a.verify();
    }

    @Test
    void aFlippedByteInALayerIsRefusedNamingTheFileAndTheLayer() throws Exception {
        Path file = twoLayers().write(dir.resolve("web-1.0.tar"));
        ImageArchive a = ImageArchive.read(file);
        flip(file, a.layers().get(1).offset() + 700);
        TransferException e = assertThrows(TransferException.class, ImageArchive.read(file)::verify);
        assertEquals("The image tarball web-1.0.tar is damaged: layer 2 does not match its digest in the image config ("
                + a.layers().get(1).diffId() + ").", e.sentence().en());
        assertEquals("镜像包 web-1.0.tar 已损坏：第 2 层与镜像配置中的摘要不符（" + a.layers().get(1).diffId() + "）。",
                e.sentence().zh());
    }

    @Test
    void aDamagedCompressedLayerIsRefused() throws Exception {
        Path file = twoLayers().gzipLast().oci().write(dir.resolve("web.tar"));
        ImageArchive.Layer gz = ImageArchive.read(file).layers().get(1);
        flip(file, gz.offset() + gz.size() / 2);
        TransferException e = assertThrows(TransferException.class, ImageArchive.read(file)::verify);
        assertTrue(e.sentence().en().startsWith("The image tarball web.tar is damaged: layer 2 "), e.sentence().en());
    }

    @Test
    void aTarballCutShortIsRefusedBeforeAnythingIsRead() throws Exception {
        Path file = twoLayers().write(dir.resolve("web.tar"));
        ImageArchive.Layer last = ImageArchive.read(file).layers().get(1);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(last.offset() + 10);
        }
        TransferException e = assertThrows(TransferException.class, () -> ImageArchive.read(file));
        assertEquals("The image tarball web.tar is damaged or cut short: it cannot be read as a tar file.",
                e.sentence().en());
    }

    @Test
    void aConfigThatIsNotTheImageItsNameSaysIsRefused() throws Exception {
        Path file = twoLayers().write(dir.resolve("web.tar"));
        ImageArchive a = ImageArchive.read(file);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"arm64\"") >= 0 ? text.indexOf("\"arm64\"") : text.indexOf("\"amd64\"");
        bytes[at + 1] = 'x'; // "xmd64": the config changed, its name did not
        Files.write(file, bytes);
        TransferException e = assertThrows(TransferException.class, () -> ImageArchive.read(file));
        assertEquals("The image tarball web.tar is damaged: its image config does not match its digest.",
                e.sentence().en());
        assertTrue(a.imageId().startsWith("sha256:"));
    }

    @Test
    void aFileThatIsNoImageTarballSaysSo() throws Exception {
        Path file = dir.resolve("notes.tar");
        Files.write(file, "hello".repeat(300).getBytes(StandardCharsets.UTF_8));
        TransferException e = assertThrows(TransferException.class, () -> ImageArchive.read(file));
        assertTrue(e.sentence().en().startsWith("The image tarball notes.tar "), e.sentence().en());
        assertTrue(e.sentence().zh().startsWith("镜像包 notes.tar "), e.sentence().zh());
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x20);
        }
    }
}
