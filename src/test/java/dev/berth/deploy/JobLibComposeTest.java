package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * job-lib/compose.sh against fake docker and compose (v1 and the v2 plugin): the exact calls it makes, and the one
 * sentence an operator reads when compose or docker refuses.
 */
class JobLibComposeTest extends SandboxedJobLibTest {
    private List<String> composeV1(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("docker-compose", "-p", "demo", "-f",
                box.installDir + "/active/docker-compose.yml"));
        argv.addAll(List.of(args));
        return argv;
    }

    @Test
    void aStageComesUpThroughTheActiveLinkAndIsWaitedFor() throws Exception {
        box.service("db", "running healthy 0 0");
        JobLibSandbox.Run r = box.call("stage_up 30 healthy db");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(composeV1("up", "-d", "--remove-orphans", "db"), box.calls("docker-compose").get(0));
        assertTrue(box.calls().stream().anyMatch(c -> c.size() > 3 && c.subList(0, 3).equals(List.of("docker", "ps", "-a"))
                && c.contains("label=com.docker.compose.service=db")), box.calls().toString());
    }

    @Test
    void composeV2IsCalledAsTheDockerPlugin() throws Exception {
        box.composeV2();
        box.service("db", "running healthy 0 0");
        assertEquals(0, box.call("stage_up 30 healthy db").exit());
        assertEquals(List.of("docker", "compose", "-p", "demo", "-f", box.installDir + "/active/docker-compose.yml", "up",
                "-d", "--remove-orphans", "db"), box.calls("docker", "compose").get(0));
        assertEquals(List.of(), box.calls("docker-compose"));
    }

    @Test
    void composeUpFailingSaysWhatComposeSaid() throws Exception {
        box.service("web", "missing none 0 0");
        box.write("up.rc", "1");
        box.write("up.out", "Creating demo_web_1 ...\nERROR: for web  Cannot start service web: port is already allocated\n");
        JobLibSandbox.Run r = box.call("stage_up 30 healthy web");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("compose up failed: Creating demo_web_1 ... ERROR: for web  Cannot start service web: port is "
                + "already allocated", r.lastLine());
    }

    @Test
    void anInvalidComposeFileIsRefusedBeforeAnythingStarts() throws Exception {
        box.write("config.rc", "1");
        box.write("config.err", "ERROR: The Compose file is invalid because:\nservices.web.ports is invalid\n");
        JobLibSandbox.Run r = box.call("validate_compose");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("the compose file is not valid: ERROR: The Compose file is invalid because: services.web.ports is invalid",
                r.lastLine().strip());
        assertEquals(List.of("docker-compose", "-p", "demo", "-f",
                box.layout.releaseDir(JobLibSandbox.RELEASE) + "/docker-compose.yml", "config", "-q"), box.calls().get(0));
    }

    @Test
    void requiredImagesAreRecordedByIdAndMissingOnesNamed() throws Exception {
        box.write("images", "demo/web:1.0 sha256:aaa\n");
        assertEquals(0, box.call("require_images demo/web:1.0").exit());
        assertEquals("demo/web:1.0 sha256:aaa\n", box.stateFile("images"));
        JobLibSandbox.Run r = box.call("require_images demo/web:1.0 demo/db:2");
        assertEquals(1, r.exit());
        assertEquals("images not present on the server: demo/db:2", r.lastLine());
    }

    @Test
    void aLoadedTarballIsRemovedAndAFailedLoadSaysWhy() throws Exception {
        Path images = Files.createDirectories(box.installDir.resolve("images"));
        Files.writeString(images.resolve("web.tar"), "tar");
        assertEquals(0, box.call("load_images web.tar").exit());
        assertFalse(Files.exists(images.resolve("web.tar")), "the tarball is not kept once loaded");
        assertEquals("web.tar", box.events("image-loaded").get(0).path("file").asText());

        Files.writeString(images.resolve("db.tar"), "tar");
        box.write("load.rc", "1");
        box.write("load.err", "Error processing tar file(exit status 1): unexpected EOF\n");
        JobLibSandbox.Run r = box.call("load_images db.tar");
        assertEquals(1, r.exit());
        assertEquals("docker load failed for db.tar: Error processing tar file(exit status 1): unexpected EOF",
                r.lastLine().strip());
        assertTrue(Files.exists(images.resolve("db.tar")), "a tarball that did not load is kept for another try");
    }

    @Test
    void aZstdTarballIsUnpackedOnTheWayIntoDockerLoadAndADamagedOneSaysSo() throws Exception {
        Path images = Files.createDirectories(box.installDir.resolve("images"));
        byte[] tar = "a tarball docker load reads".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        Files.write(images.resolve("web.tar"), zstd(tar));
        assertEquals(0, box.call("load_images web.tar").exit());
        assertArrayEquals(tar, Files.readAllBytes(box.fake.resolve("load.stdin")), "docker load got the tarball itself");
        assertFalse(Files.exists(images.resolve("web.tar")));

        byte[] damaged = zstd(tar);
        Arrays.fill(damaged, 12, damaged.length - 4, (byte) 7);
        Files.write(images.resolve("db.tar"), damaged);
        JobLibSandbox.Run r = box.call("load_images db.tar");
        assertEquals(1, r.exit(), "zstd's failure is docker load's: the pipe fails");
        assertTrue(r.lastLine().startsWith("docker load failed for db.tar: "), r.out());
        assertTrue(Files.exists(images.resolve("db.tar")), "kept for another try");
    }

    private static byte[] zstd(byte[] data) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream z = dev.berth.transfer.Codec.ZSTD.compressor(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void imagesBerthLoadedAreRemovedOnceNoKeptReleaseRunsThemUnlessSomethingStillUsesThem() throws Exception {
        box.write("images", "demo/web:1.0 sha256:new\n<none> sha256:old\nmysql:8 sha256:operators\n"
                + "<none> sha256:inuse\n");
        Files.createDirectories(box.installDir.resolve(".berth"));
        Path load = box.root.resolve("load.out");
        Files.writeString(load, "Loaded image: demo/web:1.0\n");
        assertEquals(0, box.call("berth_remember_loaded '" + load + "'; berth_remember_loaded '" + load + "'").exit());
        Path loaded = box.installDir.resolve(".berth/loaded-images");
        assertEquals("sha256:new\n", Files.readString(loaded), "each image once, by its ID");

        Files.writeString(loaded, "sha256:old\nsha256:new\nsha256:inuse\nsha256:gone\n");
        Files.writeString(box.stateDir().resolve("images"), "demo/web:1.0 sha256:new\n"); // the kept release runs it
        box.write("rmi-refused", "sha256:inuse\n");
        assertEquals(0, box.call("berth_prune_images").exit());
        assertEquals(List.of("image-removed"), box.eventNames());
        assertEquals("sha256:old", box.events("image-removed").get(0).path("id").asText());
        assertEquals("sha256:new\nsha256:inuse\n", Files.readString(loaded),
                "the kept release's image stays, and the one a container uses is tried again later");
        assertTrue(Files.readString(box.fake.resolve("images")).contains("mysql:8 sha256:operators"),
                "never loaded by Berth: never touched");
    }

    @Test
    void anInstallThatKeepsTarballsKeepsThemAfterTheLoad() throws Exception {
        Path images = Files.createDirectories(box.installDir.resolve("images"));
        Files.writeString(images.resolve("web.tar"), "tar");
        Files.createDirectories(box.installDir.resolve(".berth"));
        Files.writeString(box.installDir.resolve(".berth/keep-tarballs"), "");
        assertEquals(0, box.call("load_images web.tar").exit());
        assertTrue(Files.exists(images.resolve("web.tar")), "the operator asked to keep them");
        assertEquals("web.tar", box.events("image-loaded").get(0).path("file").asText());
    }

    @Test
    void aRollbackTagsThePreviousImagesAgain() throws Exception {
        box.write("images", "demo/web:1.0 sha256:new\nsha256:old sha256:old\n");
        Path recorded = box.root.resolve("previous-images");
        Files.writeString(recorded, "demo/web:1.0 sha256:old\n");
        JobLibSandbox.Run r = box.call("berth_restore_images " + JobLibSandbox.q(recorded.toString()));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(List.of("docker", "tag", "sha256:old", "demo/web:1.0")), box.calls("docker", "tag"));
        assertEquals("sha256:old", box.events("image-restored").get(0).path("id").asText());

        Files.writeString(recorded, "demo/web:1.0 sha256:gone\n");
        assertEquals("the image demo/web:1.0 of the previous release (sha256:gone) is no longer on the server",
                box.call("berth_restore_images " + JobLibSandbox.q(recorded.toString())).lastLine());
    }
}
