package dev.berth.transfer;

import static dev.berth.testsupport.ImageTarballWriter.noise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.ImageTarballWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What crosses the link for one image: its manifest and config, and only the layers whose chain the server lacks. */
class ThinTarballTest {
    @TempDir
    Path dir;

    private static final byte[] BASE = noise(300_000, 1);

    private ImageArchive image(String tag, byte[] app, boolean oci) throws Exception {
        ImageTarballWriter w = ImageTarballWriter.image(tag).layer("base", BASE).layer("app", app);
        if (oci) {
            w.oci();
        }
        return ImageArchive.read(w.write(dir.resolve(tag.replaceAll("[/:]", "-") + ".tar")));
    }

    private static byte[] all(ThinTarball t, long offset) throws Exception {
        try (InputStream in = t.open(offset)) {
            return in.readAllBytes();
        }
    }

    private Path written(ThinTarball t) throws Exception {
        Path out = dir.resolve("sent-" + t.name());
        Files.write(out, all(t, 0));
        return out;
    }

    @Test
    void onAServerWithoutTheImagesLayersEveryLayerGoesAndTheTarballReadsAsTheImage() throws Exception {
        for (boolean oci : new boolean[] {false, true}) {
            ImageArchive a = image("web:" + oci, noise(50_000, 2), oci);
            ThinTarball t = ThinTarball.of(a, new LayerChains(List.of()));
            assertEquals(a.layers(), t.sentLayers());
            byte[] bytes = all(t, 0);
            assertEquals(t.size(), bytes.length, "size() is what open(0) gives");
            ImageArchive sent = ImageArchive.read(written(t));
            assertEquals(a.imageId(), sent.imageId());
            assertEquals(a.repoTags(), sent.repoTags());
            sent.verify();
        }
    }

    @Test
    void aBaseTheServerHasStaysOnTheLaptop() throws Exception {
        for (boolean oci : new boolean[] {false, true}) {
            ImageArchive old = image("web:1.0-" + oci, noise(50_000, 3), oci);
            ImageArchive next = image("web:1.1-" + oci, noise(50_000, 4), oci);
            LayerChains server = new LayerChains(List.of(old.layers().stream().map(ImageArchive.Layer::diffId).toList()));
            ThinTarball t = ThinTarball.of(next, server);
            assertEquals(List.of(next.layers().get(1)), t.sentLayers());
            List<String> members = TarEntries.index(written(t)).stream().map(TarEntries.Member::name).toList();
            assertFalse(members.contains(next.layers().get(0).member()), members.toString());
            assertTrue(members.contains(next.layers().get(1).member()) && members.contains("manifest.json")
                    && members.contains(next.configMember()), members.toString());
            assertTrue(t.size() < Files.size(next.file()) - BASE.length, t.size() + " vs " + Files.size(next.file()));
            assertEquals(Files.size(next.file()) - t.size(), t.savedBytes());
            assertEquals(next.layers().get(0).size(), t.serverBytes(), "counted as on the server");
            assertEquals(0, t.sharedBytes());
        }
    }

    @Test
    void aLayerSharedByTwoImagesOfOneDeployIsSentOnce() throws Exception {
        ImageArchive web = image("web:2", noise(40_000, 5), false);
        ImageArchive worker = image("worker:2", noise(40_000, 6), true);
        LayerChains server = new LayerChains(List.of());
        assertEquals(2, ThinTarball.of(web, server).sentLayers().size());
        ThinTarball second = ThinTarball.of(worker, server);
        assertEquals(List.of(worker.layers().get(1)), second.sentLayers(), "the base arrives with web, loaded first");
        assertEquals(worker.layers().get(0).size(), second.sharedBytes(), "counted as shared, not as on the server");
        assertEquals(0, second.serverBytes());
    }

    @Test
    void theSameLayerOnOtherParentsIsAnotherChainAndIsSent() throws Exception {
        byte[] shared = noise(20_000, 7);
        ImageArchive a = ImageArchive.read(ImageTarballWriter.image("a:1").layer("x", noise(10_000, 8))
                .layer("shared", shared).write(dir.resolve("a.tar")));
        ImageArchive b = ImageArchive.read(ImageTarballWriter.image("b:1").layer("y", noise(10_000, 9))
                .layer("shared", shared).write(dir.resolve("b.tar")));
        assertEquals(a.layers().get(1).diffId(), b.layers().get(1).diffId());
        LayerChains server = new LayerChains(List.of(a.layers().stream().map(ImageArchive.Layer::diffId).toList()));
        assertEquals(b.layers(), ThinTarball.of(b, server).sentLayers(),
                "docker load would need the file: its chain is not on the server");
    }

    @Test
    void everyOffsetGivesTheRestOfTheSameBytesSoAnUploadCanGoOn() throws Exception {
        ImageArchive a = image("web:3", noise(70_001, 10), true);
        ThinTarball t = ThinTarball.of(a, new LayerChains(List.of()));
        byte[] whole = all(t, 0);
        for (long offset : new long[] {1, 511, 512, 513, 4096, whole.length / 2, whole.length - 1025, whole.length - 1,
                whole.length}) {
            assertArrayEquals(Arrays.copyOfRange(whole, (int) offset, whole.length), all(t, offset), "from " + offset);
        }
        assertArrayEquals(whole, all(t, 0), "the same bytes every time");
    }

    @Test
    void chainIdsFollowTheOciRule() {
        String d1 = "sha256:" + "a".repeat(64);
        String d2 = "sha256:" + "b".repeat(64);
        List<String> chains = LayerChains.chainIds(List.of(d1, d2));
        assertEquals(d1, chains.get(0));
        assertEquals("sha256:" + ImageTarballWriter.sha256((d1 + " " + d2).getBytes(StandardCharsets.UTF_8)),
                chains.get(1));
        assertTrue(new LayerChains(List.of(List.of(d1, d2))).has(chains.get(1)));
        assertFalse(new LayerChains(Map.of("x", List.of(d2)).values()).has(chains.get(1)));
    }
}
