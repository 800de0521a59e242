package dev.berth.transfer;

import static dev.berth.testsupport.ImageTarballWriter.noise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.ImageRef;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.ImageTarballWriter;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On a real Docker 26.1 that keeps images in containerd's store (scripts/test-env.sh docker26c-up): the probe
 * tells it from the same Docker with its classic store, Berth sends it whole tarballs and says why, the whole
 * tarball loads there, and a thin one (a layer the engine has, left out) does not — the reason for the fallback.
 */
@IntegrationTest
class ContainerdStoreTransferTest {
    private static final String INSTALL_DIR = "/opt/berth-test/containerd-store";

    @Test
    void theProbeTellsTheContainerdStoreFromTheClassicOne() throws Exception {
        TestTarget target = TestTarget.get();
        Facts.Docker containerd = probe(target, "ssh.docker26c.port");
        Facts.Docker classic = probe(target, "ssh.docker26.port");
        assertTrue(containerd.version().startsWith("26.1"), containerd.version());
        assertTrue(classic.version().startsWith("26.1"), classic.version());
        assertTrue(containerd.containerdStore(), "docker26c keeps images in containerd's store");
        assertFalse(classic.containerdStore(), "docker26 keeps them in its own (overlay2)");
    }

    /**
     * That store names an image by its manifest, not its config: Berth still knows an image it brought is there, in
     * either layout, and is not fooled by another image under the same tag.
     */
    @ParameterizedTest
    @CsvSource({"false, false", "true, false", "true, true"})
    void anImageAlreadyLoadedThereIsNotSentAgain(boolean oci, boolean gzipped) throws Exception {
        TestTarget target = TestTarget.get();
        String docker = target.dockerCmd() + " -H unix://" + target.property("docker26c.socket");
        String tag = "berth-containerd-test/present-" + oci + "-" + gzipped + ":1";
        Path dir = TestTarget.tempDir("containerd-present");
        ImageTarballWriter w = ImageTarballWriter.image(tag).layer("base.bin", noise(500_000, 31));
        w = gzipped ? w.gzipLast() : w;
        w = w.layer("app.bin", noise(20_000, 32));
        Path tar = (oci ? w.oci() : w).write(dir.resolve("present.tar"));
        Path other = ImageTarballWriter.image(tag).layer("other.bin", noise(20_000, 33)).write(dir.resolve("other.tar"));
        ImageRef ref = new ImageRef(tag, "present.tar", null);
        try {
            TestTarget.runLocalOk(target.property("docker26c.start"));
            removeImages(docker, tag);
            TestTarget.runLocalOk(docker + " load -i '" + tar + "'");
            Facts.Docker engine = probe(target, "ssh.docker26c.port");
            String id = engine.images().get(tag);
            assertNotEquals(ImageArchive.read(tar).imageId(), id, "the engine names it by its manifest");
            assertEquals(ImageStatus.State.ON_SERVER, ImagePlanner.plan(List.of(ref), dir, engine.images()).get(0)
                    .state(), "loaded before: not sent again (" + id + ")");

            TestTarget.runLocalOk(docker + " load -i '" + other + "'");
            engine = probe(target, "ssh.docker26c.port");
            assertEquals(ImageStatus.State.TO_UPLOAD, ImagePlanner.plan(List.of(ref), dir, engine.images()).get(0)
                    .state(), "another image under the tag: the operator's is sent");
        } finally {
            removeImages(docker, tag);
        }
    }

    /** What docker load makes of a thin tarball there. */
    enum Thin {
        /** It fails: nothing is tagged. */
        REFUSED,
        /** It loads, and the image is whole in containerd's store (saved again, it is a complete tarball). */
        LOADS_WHOLE,
        /** It says it loaded and a container has the files, but containerd's store lacks the image's blobs. */
        LOADS_DAMAGED
    }

    /** How the server got the base layer B shares with A, and what a thin B does on top of it. */
    enum Server {
        /** Classic layout: containerd resolves each layer by its path in the tarball, and the path is missing. */
        CLASSIC(false, false, Thin.REFUSED),
        /** OCI layout, the base loaded from the very same blob (uncompressed): containerd finds it by digest. */
        OCI_SAME_BLOB(true, false, Thin.LOADS_WHOLE),
        /** OCI layout, the base held gzip-compressed (as a pull leaves it): the same diffID, another blob. */
        OCI_BASE_COMPRESSED(true, true, Thin.LOADS_DAMAGED);

        final boolean oci;
        final boolean baseCompressedOnServer;
        final Thin thin;

        Server(boolean oci, boolean baseCompressedOnServer, Thin thin) {
            this.oci = oci;
            this.baseCompressedOnServer = baseCompressedOnServer;
            this.thin = thin;
        }
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void theWholeTarballIsSentAndLoadsWhereAThinOneFailsOrLoadsDamaged(Server server) throws Exception {
        TestTarget target = TestTarget.get();
        String docker = target.dockerCmd() + " -H unix://" + target.property("docker26c.socket");
        String tagA = "berth-containerd-test/" + server.name().toLowerCase(java.util.Locale.ROOT) + "-a:1";
        String tagB = "berth-containerd-test/" + server.name().toLowerCase(java.util.Locale.ROOT) + "-b:1";
        Path dir = TestTarget.tempDir("containerd-store");
        byte[] base = noise(2_000_000, 21);
        byte[] app = noise(30_000, 23);
        ImageTarballWriter a = ImageTarballWriter.image(tagA).layer("base.bin", base);
        a = server.baseCompressedOnServer ? a.gzipLast() : a;
        a = a.layer("app-a.bin", noise(30_000, 22));
        ImageTarballWriter bw = ImageTarballWriter.image(tagB).layer("base.bin", base).layer("app.bin", app);
        Path tarA = (server.oci ? a.oci() : a).write(dir.resolve("a.tar"));
        Path tarB = (server.oci ? bw.oci() : bw).write(dir.resolve("b.tar"));
        ImageArchive b = ImageArchive.read(tarB);
        try {
            TestTarget.runLocalOk(target.property("docker26c.start"));
            removeImages(docker, tagA, tagB);
            TestTarget.runLocalOk(docker + " load -i '" + tarA + "'");

            // The probe sees A's layers — B's base among them — and still Berth sends B whole, saying why.
            Facts.Docker engine = probe(target, "ssh.docker26c.port");
            assertTrue(engine.containerdStore());
            assertTrue(engine.imageLayers().values().contains(ImageArchive.read(tarA).layers().stream()
                    .map(ImageArchive.Layer::diffId).toList()), "the probe reads A's layers: " + engine.imageLayers());
            List<ImageStatus> statuses = ImagePlanner.plan(List.of(new ImageRef(tagB, "b.tar", null)), dir,
                    engine.images());
            TransferPlan plan = TransferPlan.of(statuses, engine, Codec.GZIP);
            assertTrue(plan.wholeImages());
            assertEquals(1, plan.items().size());
            UploadSource whole = plan.items().get(0).source();
            assertFalse(whole instanceof ThinTarball, "the whole tarball, not a thin one");
            assertEquals(Files.size(tarB), plan.sentBytes());
            String size = TransferPlan.size(Files.size(tarB));
            assertEquals(size + " of " + size + " must be sent. The server's Docker keeps images in containerd's"
                    + " store, so whole images are sent.", plan.summary().en());
            assertEquals("需要发送 " + size + "（共 " + size + "）。服务器的 Docker 使用 containerd 镜像存储，只能发送完整镜像。",
                    plan.summary().zh());

            // The same facts with the classic store would leave the base on the laptop: only the store decides.
            ThinTarball thin = assertInstanceOf(ThinTarball.class,
                    TransferPlan.of(statuses, withClassicStore(engine), Codec.GZIP).items().get(0).source());
            assertEquals(List.of(b.layers().get(1)), thin.sentLayers());

            TestTarget.Local loaded = TestTarget.runLocal(docker + " load -i '" + save(thin, dir.resolve("b-thin.tar"))
                    + "'", Duration.ofSeconds(60));
            // Kept in the test's output: what an operator would read had Berth sent a thin tarball there.
            System.out.println("containerd store, " + server + ", thin tarball: exit " + loaded.exitCode() + ": "
                    + loaded.output().strip());
            if (server.thin == Thin.REFUSED) {
                assertNotEquals(0, loaded.exitCode(), "a thin tarball loaded: " + loaded.output());
                assertFalse(present(docker, tagB), "nothing of B was tagged by the refused load");
            } else {
                assertEquals(0, loaded.exitCode(), loaded.output());
                assertImageIsB(docker, tagB, b, base, app);
                // What the load left in containerd's store shows once A no longer holds the base: B saved again.
                TestTarget.runLocalOk(docker + " rmi " + tagA);
                Path resaved = dir.resolve("b-resaved.tar");
                TestTarget.runLocalOk(docker + " save -o '" + resaved + "' " + tagB);
                if (server.thin == Thin.LOADS_WHOLE) {
                    ImageArchive again = ImageArchive.read(resaved);
                    again.verify();
                    assertEquals(b.layers().stream().map(ImageArchive.Layer::diffId).toList(),
                            again.layers().stream().map(ImageArchive.Layer::diffId).toList());
                } else {
                    TransferException e = assertThrows(TransferException.class,
                            () -> ImageArchive.read(resaved).verify(), "docker save wrote a whole image");
                    System.out.println("containerd store, " + server + ", B saved again: " + e.sentence().en());
                    assertEquals("", TestTarget.runLocalOk(docker + " images -q " + tagB).strip(),
                            "docker images hides the damaged image (so would the probe)");
                }
                TestTarget.runLocalOk(docker + " rmi " + tagB);
                TestTarget.runLocalOk(docker + " load -i '" + tarA + "'");
            }

            TestTarget.runLocalOk(docker + " load -i '" + save(whole, dir.resolve("b-whole.tar")) + "'");
            assertImageIsB(docker, tagB, b, base, app);
        } finally {
            removeImages(docker, tagA, tagB);
        }
    }

    /** The engine's image under tagB has B's layers, and a container of it B's files byte for byte. */
    private static void assertImageIsB(String docker, String tagB, ImageArchive b, byte[] base, byte[] app) {
        assertEquals(b.layers().stream().map(ImageArchive.Layer::diffId).toList(), EngineImages.layers(docker, tagB));
        String container = TestTarget.runLocalOk(docker + " create " + tagB + " /bin/none").strip();
        try {
            for (var file : java.util.Map.of("base.bin", base, "app.bin", app).entrySet()) {
                String sum = TestTarget.runLocalOk(docker + " cp " + container + ":/" + file.getKey()
                        + " - | tar -xO | sha256sum").split(" ")[0];
                assertEquals(ImageTarballWriter.sha256(file.getValue()), sum, file.getKey());
            }
        } finally {
            TestTarget.runLocal(docker + " rm " + container, Duration.ofSeconds(30));
        }
    }

    /** The probe through the sshd whose sessions talk to that engine (DOCKER_HOST), as root: sudo would drop it. */
    private static Facts.Docker probe(TestTarget target, String portKey) throws Exception {
        TestTarget.runLocalOk(target.property(portKey.equals("ssh.docker26c.port") ? "docker26c.start"
                : "docker26.start"));
        TargetSpec spec = new TargetSpec("root", target.host(), Integer.parseInt(target.property(portKey)),
                target.ed25519Key(), target.hostKeyFingerprint(), null, null);
        try (RemoteShell shell = TestTarget.isolatedConnector().connect(spec, Credentials.none(),
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(20))) {
            return Prober.probe(shell, INSTALL_DIR).facts().docker();
        }
    }

    private static Facts.Docker withClassicStore(Facts.Docker d) {
        return new Facts.Docker(d.access(), d.version(), d.error(), d.runtimes(), d.rootDir(), d.rootFreeBytes(),
                d.composes(), d.images(), d.composeProjects(), d.imageLayers(), false);
    }

    private static Path save(UploadSource source, Path file) throws Exception {
        try (var in = source.open(0)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static boolean present(String docker, String ref) {
        return TestTarget.runLocal(docker + " image inspect " + ref, Duration.ofSeconds(20)).exitCode() == 0;
    }

    private static void removeImages(String docker, String... refs) {
        for (String ref : refs) {
            TestTarget.runLocal(docker + " rmi " + ref, Duration.ofSeconds(30));
        }
    }
}
