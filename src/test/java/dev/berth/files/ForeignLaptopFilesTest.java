package dev.berth.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.profile.KeyFileVault;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileStore;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.TargetSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rendering, profiles and known_hosts written on the file systems of a Windows and a macOS laptop (in memory: Linux's
 * JDK reports POSIX modes even where the disk has none). On Windows "only you can read this" is an ACL with the
 * owner's entry alone; on macOS it is mode 0600 (folders 0700).
 */
class ForeignLaptopFilesTest {
    private FileSystem fs;

    @AfterEach
    void close() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    Path windowsHome() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.windows().toBuilder()
                .setAttributeViews("basic", "acl", "owner", "dos").build());
        Path home = fs.getPath("C:\\Users\\op");
        Files.createDirectories(home);
        return home;
    }

    Path macHome() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.osX().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix").build());
        Path home = fs.getPath("/Users/op");
        Files.createDirectories(home);
        return home;
    }

    static Path project() {
        String dir = System.getProperty("berth.projectDir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    static RenderedRelease cozeRelease(Bundle b) throws Exception {
        return Renderer.render(b, cozeAnswers(b), Builtins.of("/opt/coze", "20250101-000000", "coze-studio", "192.0.2.30"));
    }

    static ResolvedAnswers cozeAnswers(Bundle b) throws Exception {
        Map<String, Object> raw = AnswersFile.read(project().resolve("src/test/resources/answers/coze-studio-golden.yaml"));
        return AnswersResolver.resolve(b, raw);
    }

    static void assertOwnerOnly(Path p) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(p, AclFileAttributeView.class);
        List<AclEntry> acl = view.getAcl();
        assertEquals(1, acl.size(), p + " has " + acl);
        AclEntry e = acl.get(0);
        assertEquals(AclEntryType.ALLOW, e.type(), p + " " + e);
        assertEquals(view.getOwner(), e.principal(), p + " " + e);
    }

    /** The coze-studio release and its resolved answers, written to OUT as a render to a folder writes them. */
    static RenderedRelease renderCozeOut(Path out) throws Exception {
        Bundle b = BundleLoader.load(project().resolve("bundles/coze-studio"));
        RenderedRelease release = cozeRelease(b);
        release.writeTo(out);
        cozeAnswers(b).writeTo(out.resolve("answers.resolved.yaml"));
        return release;
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void renderOutOnWindowsWritesEveryFileAndKeepsSecretsToTheOwner() throws Exception {
        Path out = windowsHome().resolve("rendered");
        RenderedRelease release = renderCozeOut(out);

        for (RenderedFile f : release.files()) {
            assertArrayEquals(f.content(), Files.readAllBytes(out.resolve(f.path())), f.path());
        }
        assertEquals(0600, release.file(".env").mode());
        assertOwnerOnly(out.resolve(".env"));
        assertOwnerOnly(out.resolve("answers.resolved.yaml"));
        // The executable bit travels in the tar to the server; the Windows copy only has to be there.
        assertEquals(0755, release.file("volumes/elasticsearch/start-es.sh").mode());
        assertTrue(Files.isRegularFile(out.resolve("volumes/elasticsearch/start-es.sh")));
    }

    @Test
    void aBundleOnWindowsRendersAndItsScriptsStayExecutable() throws Exception {
        Path copy = windowsHome().resolve("bundles\\coze-studio");
        Path src = project().resolve("bundles/coze-studio");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(src.relativize(p).toString().replace('/', '\\'));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.write(to, Files.readAllBytes(p));
                }
            }
        }
        RenderedRelease onWindows = cozeRelease(BundleLoader.load(copy));
        RenderedRelease onLinux = cozeRelease(BundleLoader.load(src));
        for (RenderedFile f : onLinux.files()) {
            assertEquals(f.mode(), onWindows.file(f.path()).mode(), f.path());
        }
    }

    @Test
    void renderOutOnMacUsesModes() throws Exception {
        Path out = macHome().resolve("rendered");
        renderCozeOut(out);
        assertEquals("rw-------", mode(out.resolve(".env")));
        assertEquals("rw-------", mode(out.resolve("answers.resolved.yaml")));
        assertEquals("rwxr-xr-x", mode(out.resolve("volumes/elasticsearch/start-es.sh")));
        assertEquals("rw-r--r--", mode(out.resolve("docker-compose.yml")));
    }

    static Profile profile() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("WEB_PORT", 18491L);
        answers.put("GREETING", "hello");
        answers.put("API_TOKEN", "0123456789abcdef0123456789abcdef");
        answers.put("WORKER_MODE", "poll");
        answers.put("POLL_INTERVAL", 2L);
        answers.put("WEB_BREAK_HEALTH", false);
        TargetSpec t = new TargetSpec("deploy", "10.1.2.3", 22, null, "SHA256:AbCdEf0123456789+/xyz", null,
                "/opt/berth/demo-prod");
        return new Profile("demo-prod", "demo", project().resolve("bundles/demo"), t, answers,
                Instant.parse("2026-11-22T07:03:04Z"));
    }

    @Test
    void profilesOnWindowsRoundTripAndOnlyTheOwnerMayReadThem() throws Exception {
        Path home = windowsHome().resolve(".berth");
        Bundle demo = BundleLoader.load(project().resolve("bundles/demo"));
        ProfileStore store = new ProfileStore(home, null, null);
        store.save(profile(), demo);
        assertEquals(profile(), store.load("demo-prod").orElseThrow());
        assertOwnerOnly(home);
        assertOwnerOnly(store.directory());
        assertOwnerOnly(store.fileOf("demo-prod"));
        assertOwnerOnly(new KeyFileVault(home).keyFile());
    }

    @Test
    void profilesOnMacAre0600In0700Folders() throws Exception {
        Path home = macHome().resolve(".berth");
        Bundle demo = BundleLoader.load(project().resolve("bundles/demo"));
        ProfileStore store = new ProfileStore(home, null, null);
        store.save(profile(), demo);
        assertEquals(profile(), store.load("demo-prod").orElseThrow());
        assertEquals("rwx------", mode(home));
        assertEquals("rwx------", mode(store.directory()));
        assertEquals("rw-------", mode(store.fileOf("demo-prod")));
        assertEquals("rw-------", mode(new KeyFileVault(home).keyFile()));
    }

    static byte[] ed25519Blob(int seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(type.length);
        out.write(type);
        out.writeInt(32);
        for (int i = 0; i < 32; i++) {
            out.write(seed + i);
        }
        return bytes.toByteArray();
    }

    @Test
    void knownHostsOnWindowsPinsAndOnlyTheOwnerMayWriteIt() throws Exception {
        Path home = windowsHome().resolve(".berth");
        HostKeyStore store = HostKeyStore.inHome(home);
        store.pin("[10.1.2.3]:2222", ed25519Blob(1));
        store.pin("[10.1.2.3]:2222", ed25519Blob(2));
        List<HostKeyStore.PinnedKey> keys = store.keysFor("[10.1.2.3]:2222");
        assertEquals(1, keys.size());
        assertTrue(keys.get(0).sameKey(ed25519Blob(2)));
        assertOwnerOnly(store.file());
    }

    @Test
    void knownHostsOnMacIs0600() throws Exception {
        Path home = macHome().resolve(".berth");
        HostKeyStore store = HostKeyStore.inHome(home);
        store.pin("h", ed25519Blob(1));
        assertEquals(1, store.keysFor("h").size());
        assertEquals("rw-------", mode(store.file()));
        assertEquals("rwx------", mode(home));
    }
}
