package dev.berth.transfer;

import static dev.berth.testsupport.ImageTarballWriter.noise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.ImageTarballWriter;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A thin tarball loads on a real engine when the server has the base layer's chain, and only then: Docker 20.10
 * and Docker 26, tarballs in the classic and the OCI layout, sent raw, gzip- or zstd-compressed. The images are small real
 * ones written with real digests, under tags of their own that the test removes.
 */
@IntegrationTest
class ThinTarballLoadTest {

    @ParameterizedTest(name = "Docker {0}, {1} layout, {2}")
    @CsvSource({"20, classic, raw", "20, oci, gzip", "20, classic, zstd", "26, classic, gzip", "26, oci, raw",
            "26, oci, zstd"})
    void aThinTarballLoadsWhereTheBaseIsAndFailsWhereItIsNot(int engine, String layout, String form)
            throws Exception {
        TestTarget target = TestTarget.get();
        String docker = target.dockerCmd();
        if (engine == 26) {
            TestTarget.runLocalOk(target.property("docker26.start"));
            docker += " -H unix://" + target.property("docker26.socket");
        }
        boolean oci = layout.equals("oci");
        String tag = "berth-thin-test/" + engine + layout;
        Path dir = TestTarget.tempDir("thin");
        byte[] base = noise(2_000_000, 11);
        ImageTarballWriter first = writer(tag + "-a:1", base, noise(30_000, 12), oci);
        ImageTarballWriter second = writer(tag + "-b:1", base, noise(30_000, 13), oci);
        Path firstTar = first.write(dir.resolve("a.tar"));
        Path secondTar = second.write(dir.resolve("b.tar"));
        List<String> tags = List.of(tag + "-a:1", tag + "-b:1");
        try {
            ImageArchive b = ImageArchive.read(secondTar);
            ThinTarball alone = ThinTarball.of(b, new LayerChains(List.of(List.of(b.layers().get(0).diffId()))));
            Path thin = write(alone, form, dir.resolve("b-thin.tar"));
            assertTrue(Files.size(thin) < base.length / 10, "the base stays on the laptop: " + Files.size(thin));

            // Without the base on the engine, the thin tarball cannot load: the skip rests on the chain.
            TestTarget.Local refused = TestTarget.runLocal(load(docker, thin, form), Duration.ofSeconds(60));
            assertNotEquals(0, refused.exitCode(), refused.output());

            TestTarget.runLocalOk(docker + " load -i '" + firstTar + "'");
            ThinTarball t = ThinTarball.of(b, new LayerChains(List.of(EngineImages.layers(docker, tags.get(0)))));
            assertEquals(List.of(b.layers().get(1)), t.sentLayers(), "only the app layer is sent");
            Path sent = write(t, form, dir.resolve("b-sent.tar"));
            TestTarget.runLocalOk(load(docker, sent, form));
            String loaded = TestTarget.runLocalOk(docker + " image inspect --format '{{.Id}}' " + tags.get(1)).strip();
            assertEquals(second.imageId(), loaded, "the image loaded is the one the operator brought");
            assertEquals(b.layers().stream().map(ImageArchive.Layer::diffId).toList(), EngineImages.layers(docker, tags.get(1)));
        } finally {
            for (String t : tags) {
                TestTarget.runLocal(docker + " rmi " + t, Duration.ofSeconds(30));
            }
        }
        assertFalse(TestTarget.runLocal(docker + " image inspect " + tags.get(1), Duration.ofSeconds(20)).exitCode() == 0);
    }

    /** The file as it arrives on the server: the thin tarball, or it compressed. */
    private static Path write(ThinTarball t, String form, Path file) throws Exception {
        UploadSource source = form.equals("raw") ? t : CompressedSource.of(t, Codec.valueOf(form.toUpperCase()));
        try (var in = source.open(0)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** As the deploy job loads it: docker load reads gzip itself, zstd goes through the server's zstd. */
    private static String load(String docker, Path file, String form) {
        return form.equals("zstd") ? "set -o pipefail; zstd -dcq '" + file + "' | " + docker + " load"
                : docker + " load -i '" + file + "'";
    }

    private static ImageTarballWriter writer(String tag, byte[] base, byte[] app, boolean oci) {
        ImageTarballWriter w = ImageTarballWriter.image(tag).layer("base.bin", base).layer("app.bin", app);
        return oci ? w.oci() : w;
    }

}
