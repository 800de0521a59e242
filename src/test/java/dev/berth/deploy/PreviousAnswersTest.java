package dev.berth.deploy;

import dev.berth.ssh.RemoteCommand;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.LocalCommandShell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.LocalShellAccess;
import dev.berth.ssh.Privilege;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading what the server keeps, on this machine's real files and shell: the three places in their order, and every
 * way of not being able to read them told apart from nothing being there.
 */
@IntegrationTest
class PreviousAnswersTest {
    // Not JUnit's @TempDir: it lives in /tmp, which InstallDirRule rightly refuses as an install dir.
    private Path dir;

    @org.junit.jupiter.api.BeforeEach
    void makeInstallDir() throws Exception {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("/var/tmp/berth-tests")), "install-");
    }

    @org.junit.jupiter.api.AfterEach
    void removeInstallDir() throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final RemoteShell local = new LocalShellAccess().shell();

    private Map<String, Object> read(RemoteShell shell, Privilege privilege) throws Exception {
        return PreviousAnswers.read(shell, new ServerCommands(privilege), new ReleaseLayout(dir.toString()));
    }

    private void write(String path, String text) throws Exception {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void nothingThereIsAnEmptyRecord() throws Exception {
        assertEquals(Map.of(), read(local, Privilege.NONE));
    }

    @Test
    void theLiveReleaseComesFirstThenTheKeptSecretsThenTheLastJob() throws Exception {
        write("releases/r1/.berth/answers.yaml", "GREETING: live\nAPI_TOKEN: live-token\n");
        Files.createSymbolicLink(dir.resolve("current"), Path.of("releases/r1"));
        write(".berth/secrets.yaml", "API_TOKEN: kept-token\nDB_PASSWORD: kept-db\n");
        write("releases/r2/.berth/answers.yaml", "DB_PASSWORD: failed-db\nOTHER: failed\n");
        write(".berth/last-job", "r2\n");
        assertEquals(Map.of("GREETING", "live", "API_TOKEN", "live-token", "DB_PASSWORD", "kept-db", "OTHER", "failed"),
                read(local, Privilege.NONE));
    }

    @Test
    void withoutALiveReleaseTheKeptSecretsAnswer() throws Exception {
        write(".berth/secrets.yaml", "API_TOKEN: kept-token\n");
        assertEquals(Map.of("API_TOKEN", "kept-token"), read(local, Privilege.NONE));
    }

    @Test
    void damagedYamlIsRefusedWithoutQuotingIt() throws Exception {
        write(".berth/secrets.yaml", "API_TOKEN: [s3cr3t-unclosed\n");
        PreviousAnswersException e = assertThrows(PreviousAnswersException.class, () -> read(local, Privilege.NONE));
        assertTrue(e.sentence().en().startsWith("Berth cannot read " + dir + "/.berth/secrets.yaml"), e.sentence().en());
        assertTrue(e.sentence().zh().contains("无法读取"), e.sentence().zh());
        assertTrue(!e.sentence().en().contains("s3cr3t") && !e.sentence().zh().contains("s3cr3t"), "no secret in the sentence");
    }

    @Test
    void anEmptyOrNonMapFileIsRefused() throws Exception {
        write(".berth/secrets.yaml", "");
        assertThrows(PreviousAnswersException.class, () -> read(local, Privilege.NONE));
        write(".berth/secrets.yaml", "- just\n- a list\n");
        assertThrows(PreviousAnswersException.class, () -> read(local, Privilege.NONE));
    }

    @Test
    void aFileThatCannotBeOpenedIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("releases/r1/.berth/answers.yaml")); // a folder: cat-ing it fails
        Files.createSymbolicLink(dir.resolve("current"), Path.of("releases/r1"));
        PreviousAnswersException e = assertThrows(PreviousAnswersException.class, () -> read(local, Privilege.NONE));
        assertTrue(e.sentence().en().contains("current/.berth/answers.yaml on the server (unreadable)"), e.sentence().en());
    }

    @Test
    void aRefusedSudoIsRefusedToo() throws Exception {
        write(".berth/secrets.yaml", "API_TOKEN: kept-token\n");
        // The same command as a user without sudo rights (nobody): sudo -n fails as it does on a server.
        RemoteShell nobody = new AsUser(local, "nobody");
        PreviousAnswersException e = assertThrows(PreviousAnswersException.class, () -> read(nobody, Privilege.SUDO));
        assertTrue(e.sentence().en().contains("sudo"), e.sentence().en());
    }

    @Test
    void theInstallRecordIsWrittenOnceAndTheKeptSecretsPrivately() throws Exception {
        ServerCommands c = new ServerCommands(Privilege.NONE);
        ReleaseLayout layout = new ReleaseLayout(dir.toString());
        assertTrue(local.exec(c.writeFileOnce(layout.installRecord()), "first\n".getBytes(), Duration.ofSeconds(10)).ok());
        assertTrue(local.exec(c.writeFileOnce(layout.installRecord()), "second\n".getBytes(), Duration.ofSeconds(10)).ok());
        assertEquals("first\n", Files.readString(Path.of(layout.installRecord())), "a record is never rewritten");
        assertTrue(local.exec(c.writePrivateFile(layout.keptSecrets()), "A: b\n".getBytes(), Duration.ofSeconds(10)).ok());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(layout.keptSecrets()))));
        assertEquals(Map.of("A", "b"), PreviousAnswers.readKept(local, c, layout));
        assertTrue(Files.list(dir.resolve(".berth")).noneMatch(p -> p.toString().endsWith(".tmp")), "no partial file left");
    }

    /** Runs each command through {@code runuser -u USER}. */
    private record AsUser(RemoteShell inner, String user) implements LocalCommandShell {
        @Override
        public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
            return inner.exec(RemoteCommand.of("runuser", "-u", user, "--", "bash", "-c", command.toShell()), stdin, timeout);
        }
    }
}
