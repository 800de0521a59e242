package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jump host through the CLI: its own key, password and host key; the server's password stays with the server. */
@IntegrationTest
class CliJumpTest {
    private static TestTarget target;
    private static String demo;
    private static Path answers;

    @BeforeAll
    static void setUp() throws Exception {
        target = TestTarget.get();
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        demo = Path.of(System.getProperty("berth.projectDir"), "bundles", "demo").toString();
        answers = Files.writeString(TestTarget.tempDir("jump-answers").resolve("a.yaml"), "WEB_PORT: 18494\n");
    }

    private static String hop() {
        return target.user() + "@" + target.host() + ":" + target.port();
    }

    private static long logSize() throws Exception {
        return Files.size(Path.of(target.property("log.sshd")));
    }

    private static String logSince(long from) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(target.property("log.sshd")));
        return new String(all, (int) from, all.length - (int) from, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theJumpHostLogsInWithItsOwnKeyAndTheServerWithItsPassword() throws Exception {
        long before = logSize();
        CliRun r = CliRun.withStdin(new String(target.password()) + "\n", "check", "--bundle", demo, "--answers",
                answers.toString(), "--target", hop(), "--password-stdin", "--host-key", target.hostKeyFingerprint(),
                "--jump", hop(), "--jump-identity", target.ed25519Key().toString(), "--jump-host-key",
                target.hostKeyFingerprint(), "--lang", "en");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        String log = logSince(before);
        assertTrue(log.contains("Accepted publickey for berthtest") && log.contains("Accepted password for berthtest"), log);
    }

    @Test
    void theJumpHostGetsItsOwnPasswordFromStandardInput() throws Exception {
        CliRun r = CliRun.withStdin(new String(target.password()) + "\n" + new String(target.password()) + "\n", "check",
                "--bundle", demo, "--answers", answers.toString(), "--target", hop(), "--password-stdin", "--host-key",
                target.hostKeyFingerprint(), "--jump", hop(), "--jump-password-stdin", "--jump-host-key",
                target.hostKeyFingerprint(), "--lang", "en");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    }

    @Test
    void withoutCredentialsOfItsOwnTheJumpHostRefusesAndNeverSeesTheServersPassword() throws Exception {
        long before = logSize();
        CliRun r = CliRun.withStdin(new String(target.password()) + "\n", "check", "--bundle", demo, "--answers",
                answers.toString(), "--target", hop(), "--password-stdin", "--host-key", target.hostKeyFingerprint(),
                "--jump", hop(), "--jump-host-key", target.hostKeyFingerprint(), "--lang", "en");
        assertEquals(ExitCode.CONNECTION, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
        assertFalse(logSince(before).contains("password for"), logSince(before));
    }

    @Test
    void jumpOptionsWithoutAJumpHostAreAUsageError() {
        CliRun r = CliRun.run("check", "--bundle", demo, "--target", hop(), "--jump-password-stdin", "--lang", "en");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--jump"), r.toString());
    }
}
