package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.ImageRef;
import dev.berth.testsupport.ImageTarballWriter;
import dev.berth.testsupport.TestTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tarball from the operator's folder is loaded only when it holds exactly the image the bundle expects under
 * exactly that name: {@code docker load} applies every tag inside, so an extra tag would silently retag another
 * image on the server, and an untagged one would load as a dangling image the stack never uses.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ImagePlannerTest {
    /** The config is "{}" (an image of no layers), so its ID is that text's sha256, as docker save names it. */
    private static final String ID = ImageTarballWriter.sha256("{}".getBytes(StandardCharsets.UTF_8));
    private static final ImageRef WEB = new ImageRef("berth-demo/web:1.0", "web-1.0.tar", null);

    private static Path folderWith(String manifest, String index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        add(out, ID + ".json", "{}");
        add(out, "manifest.json", manifest);
        if (index != null) {
            add(out, "index.json", index);
        }
        out.write(new byte[1024]);
        Path dir = TestTarget.tempDir("images");
        Files.write(dir.resolve("web-1.0.tar"), out.toByteArray());
        return dir;
    }

    private static void add(ByteArrayOutputStream out, String name, String content) throws IOException {
        byte[] c = content.getBytes(StandardCharsets.UTF_8);
        out.write(TarEntriesTest.header(name, TarEntriesTest.octal(c.length), '0'));
        out.write(c);
        out.write(new byte[(512 - c.length % 512) % 512]);
    }

    private static String manifest(String tags) {
        return "[{\"Config\":\"" + ID + ".json\",\"RepoTags\":" + tags + ",\"Layers\":[]}]";
    }

    private static TransferException refused(Path dir) {
        return assertThrows(TransferException.class, () -> ImagePlanner.plan(List.of(WEB), dir, Map.of()));
    }

    @Test
    void aTarballTaggedExactlyAsExpectedIsUploaded() throws Exception {
        List<ImageStatus> plan = ImagePlanner.plan(List.of(WEB), folderWith(manifest("[\"berth-demo/web:1.0\"]"), null),
                Map.of());
        assertEquals(ImageStatus.State.TO_UPLOAD, plan.get(0).state());
        assertEquals("sha256:" + ID, plan.get(0).tarball().imageId());
        // docker save writes library images without docker.io/library/; both spellings are the same name.
        ImageRef busybox = new ImageRef("docker.io/library/busybox:1.36", "web-1.0.tar", null);
        assertEquals(ImageStatus.State.TO_UPLOAD, ImagePlanner.plan(List.of(busybox),
                folderWith(manifest("[\"busybox:1.36\"]"), null), Map.of()).get(0).state());
    }

    @Test
    void anExtraTagThatWouldRetagAnotherImageIsRefused() throws Exception {
        TransferException e = refused(folderWith(manifest("[\"berth-demo/web:1.0\",\"postgres:15\"]"), null));
        assertTrue(e.sentence().en().contains("web-1.0.tar") && e.sentence().en().contains("postgres:15")
                && e.sentence().en().contains("berth-demo/web:1.0"), e.sentence().en());
        assertTrue(e.sentence().zh().contains("postgres:15"), e.sentence().zh());
    }

    @Test
    void anUntaggedImageIsRefused() throws Exception {
        TransferException e = refused(folderWith(manifest("null"), null));
        assertTrue(e.sentence().en().contains("web-1.0.tar") && e.sentence().en().contains("no tag"),
                e.sentence().en());
        assertTrue(e.sentence().zh().contains("web-1.0.tar"), e.sentence().zh());
    }

    @Test
    void anotherImageIsRefused() throws Exception {
        TransferException e = refused(folderWith(manifest("[\"berth-demo/worker:1.0\"]"), null));
        assertTrue(e.sentence().en().contains("berth-demo/worker:1.0"), e.sentence().en());
    }

    @Test
    void aNameInTheOciIndexCountsAsATag() throws Exception {
        String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"sha256:" + ID + "\",\"size\":1,\"annotations\":{"
                + "\"io.containerd.image.name\":\"docker.io/library/redis:7\",\"org.opencontainers.image.ref.name\":\"7\"}}]}";
        TransferException e = refused(folderWith(manifest("[\"berth-demo/web:1.0\"]"), index));
        assertTrue(e.sentence().en().contains("redis:7"), e.sentence().en());
    }

    @Test
    void twoImagesInOneTarballAreRefused() throws Exception {
        String two = "[{\"Config\":\"" + ID + ".json\",\"RepoTags\":[\"berth-demo/web:1.0\"]},"
                + "{\"Config\":\"" + ID + ".json\",\"RepoTags\":null}]";
        TransferException e = refused(folderWith(two, null));
        assertTrue(e.sentence().en().contains("2 images"), e.sentence().en());
    }
}
