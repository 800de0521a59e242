package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way an operator can get the command line wrong: one sentence, the right exit code, never a trace. */
@IntegrationTest
class CliErrorsTest {
    private static TestTarget target;
    private static String demo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        target = TestTarget.get();
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        demo = Path.of(System.getProperty("berth.projectDir"), "bundles", "demo").toString();
    }

    private String targetArg() {
        return target.user() + "@" + target.host() + ":" + target.port();
    }

    private static void assertFails(CliRun r, int code, String inMessage) {
        assertEquals(code, r.exitCode(), r.toString());
        assertTrue(r.err().contains(inMessage), "expected '" + inMessage + "' in:\n" + r);
        assertTrue(r.clean(), "no stack trace:\n" + r);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertFails(CliRun.run("check", "--bundle", demo, "--frobnicate"), ExitCode.USAGE, "--frobnicate");
    }

    @Test
    void missingTargetIsAUsageError() {
        assertFails(CliRun.run("check", "--bundle", demo), ExitCode.USAGE, "--target");
    }

    @Test
    void malformedTargetIsAUsageError() {
        assertFails(CliRun.run("check", "--bundle", demo, "--target", "me@host:99999"), ExitCode.USAGE, "1 to 65535");
    }

    @Test
    void unreadableKeyFile() {
        assertFails(CliRun.run("check", "--bundle", demo, "--target", targetArg(), "--identity", tmp.resolve("nope").toString(),
                "--host-key", target.hostKeyFingerprint()), ExitCode.INVALID_INPUT, "Cannot read the key file");
    }

    @Test
    void aFileThatIsNotAKey() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk"), "this is not a key\n");
        CliRun r = CliRun.run("check", "--bundle", demo, "--target", targetArg(), "--identity", junk.toString(),
                "--host-key", target.hostKeyFingerprint());
        assertEquals(ExitCode.CONNECTION, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
    }

    @Test
    void wrongPassword() {
        CliRun r = CliRun.withStdin("not-the-password\n", "check", "--bundle", demo, "--target", targetArg(),
                "--password-stdin", "--host-key", target.hostKeyFingerprint());
        assertEquals(ExitCode.CONNECTION, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
        assertTrue(!r.err().contains("not-the-password"), "the password is never printed");
    }

    @Test
    void hostThatDoesNotAnswer() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun r = CliRun.run("check", "--bundle", demo, "--target", "berthtest@127.0.0.1:" + closed,
                "--identity", target.ed25519Key().toString(), "--connect-timeout", "5");
        assertEquals(ExitCode.CONNECTION, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
    }

    @Test
    void unknownHostKeyWithoutATerminalIsRefusedWithTheWayForward() {
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        CliRun r = CliRun.run("check", "--bundle", demo, "--target", targetArg(), "--identity", target.ed25519Key().toString());
        assertFails(r, ExitCode.CONNECTION, "--host-key");
    }

    @Test
    void wrongHostKeyFingerprintIsRefused() {
        CliRun r = CliRun.run("check", "--bundle", demo, "--target", targetArg(), "--identity", target.ed25519Key().toString(),
                "--host-key", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(ExitCode.CONNECTION, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
    }

    @Test
    void installDirThatIsASystemFolderOrNotAPathIsAUsageErrorBeforeAnythingConnects() {
        assertFails(CliRun.run("deploy", "--bundle", demo, "--target", "nobody@192.0.2.1", "--install-dir", "/opt"),
                ExitCode.USAGE, "/opt is a system folder");
        assertFails(CliRun.run("check", "--bundle", demo, "--target", "nobody@192.0.2.1", "--install-dir", "/"),
                ExitCode.USAGE, "root folder");
        assertFails(CliRun.run("render", "--bundle", demo, "--install-dir", "/opt/berth/../../etc", "--out",
                tmp.resolve("o-dots").toString()), ExitCode.USAGE, "'.' or '..'");
        assertFails(CliRun.run("render", "--bundle", demo, "--install-dir", "/opt/berth/de\nmo", "--out",
                tmp.resolve("o-nl").toString()), ExitCode.USAGE, "line break");
        CliRun zh = CliRun.run("--lang", "zh", "render", "--bundle", demo, "--install-dir", "/etc", "--out",
                tmp.resolve("o-zh").toString());
        assertFails(zh, ExitCode.USAGE, "系统目录");
    }

    @Test
    void missingAnswersFile() {
        assertFails(CliRun.run("render", "--bundle", demo, "--answers", tmp.resolve("absent.yaml").toString(), "--out",
                tmp.resolve("out").toString()), ExitCode.INVALID_INPUT, "absent.yaml");
    }

    @Test
    void invalidAnswer() throws IOException {
        Path answers = Files.writeString(tmp.resolve("a.yaml"), "WEB_PORT: 99\n");
        assertFails(CliRun.run("render", "--bundle", demo, "--answers", answers.toString(), "--out",
                tmp.resolve("out").toString()), ExitCode.INVALID_INPUT, "WEB_PORT");
    }

    @Test
    void unknownAnswer() throws IOException {
        Path answers = Files.writeString(tmp.resolve("a.yaml"), "WEB_PROT: 8080\n");
        assertFails(CliRun.run("deploy", "--bundle", demo, "--answers", answers.toString(), "--target", targetArg()),
                ExitCode.INVALID_INPUT, "WEB_PROT");
    }

    @Test
    void answersInChinese() throws IOException {
        Path answers = Files.writeString(tmp.resolve("a.yaml"), "WEB_PORT: 99\n");
        CliRun r = CliRun.run("--lang", "zh", "render", "--bundle", demo, "--answers", answers.toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("错误"), r.toString());
    }

    @Test
    void noSuchBundle() {
        assertFails(CliRun.run("render", "--bundle", "no-such-bundle", "--out", tmp.resolve("o").toString()),
                ExitCode.INVALID_INPUT, "no-such-bundle");
    }

    @Test
    void brokenBundleNamesFileAndLine() throws IOException {
        Path b = tmp.resolve("broken");
        Files.createDirectories(b);
        Files.writeString(b.resolve("bundle.yaml"), "id: broken\nversion: 1\nname: {zh: x, en: x}\nbogus: 1\n");
        CliRun r = CliRun.run("render", "--bundle", b.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("bundle.yaml:4"), r.toString());
        assertTrue(r.clean(), r.toString());
    }

    @Test
    void renderWritesTheReleaseAndRefusesANonEmptyFolder() throws IOException {
        Path out = tmp.resolve("rendered");
        CliRun r = CliRun.run("render", "--bundle", demo, "--out", out.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(Files.readString(out.resolve(".env")).contains("GREETING='Hello from Berth'"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("answers.resolved.yaml"))));
        assertFails(CliRun.run("render", "--bundle", demo, "--out", out.toString()), ExitCode.INVALID_INPUT, "not empty");
    }

    @Test
    void bundlesListsTheDemo() {
        CliRun r = CliRun.run("bundles", "--bundles-dir", Path.of(demo).getParent().toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("demo"), r.toString());
    }

    @Test
    void helpInBothLanguages() {
        CliRun en = CliRun.run("--lang", "en", "deploy", "--help");
        CliRun zh = CliRun.run("--lang", "zh", "deploy", "--help");
        assertEquals(0, en.exitCode());
        assertTrue(en.out().contains("Folder with the image tarballs"), en.toString());
        assertTrue(zh.out().contains("存放镜像包"), zh.toString());
    }
}
