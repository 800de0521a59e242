package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.files.PrivateFile;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.ssh.TransferListener;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.ForwardingShell;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TargetConnection;
import dev.berth.testsupport.TcpRelay;
import dev.berth.testsupport.TestTarget;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backup-sized file (64 MiB of random bytes, root's alone, read through sudo) brought down from the real sshd: a
 * link that drops part-way leaves what arrived on the laptop, and the next call on a new connection fetches only the
 * rest and ends with the server's sha256.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@IntegrationTest
class FileDownloadTest {
    private static final long SIZE = 64L * 1024 * 1024;
    /** Past half the file, so a second call that started again from zero would fail the "rest only" check. */
    private static final long DROP_AT = 40L * 1024 * 1024;
    private static final ServerCommands SUDO = new ServerCommands(Privilege.SUDO);
    private static final String DIR = "/tmp/berth-download-" + System.nanoTime();
    private static final String REMOTE = DIR + "/demo-backup.tar";
    private static String sha;

    @RegisterExtension
    static final TargetConnection CONNECTION = new TargetConnection();

    @BeforeAll
    static void aBackupOnTheServer() {
        TestTarget.runLocalOk("mkdir -p " + DIR + " && chmod 700 " + DIR + " && head -c " + SIZE + " /dev/urandom > "
                + REMOTE + " && chmod 600 " + REMOTE + " && printf 0123456789 > " + DIR + "/ten");
        sha = TestTarget.runLocalOk("sha256sum " + REMOTE).strip().split("\\s+")[0];
    }

    @AfterAll
    static void clean() {
        TestTarget.runLocal("rm -rf " + DIR, Duration.ofSeconds(20));
    }

    /** The real connection, counting what its downloads deliver; when told, it drops the link once past a count. */
    private static final class Counting extends ForwardingShell {
        private final TcpRelay relay;
        private final long dropAt;
        long delivered;

        Counting(RemoteShell inner, TcpRelay relay, long dropAt) {
            super(inner);
            this.relay = relay;
            this.dropAt = dropAt;
        }

        @Override
        public ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener,
                                   Duration idleTimeout) throws SshException {
            OutputStream counting = new FilterOutputStream(sink) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    delivered += len;
                    if (relay != null && delivered > dropAt) {
                        relay.dropConnections(); // the cable pulled, with the server still sending
                    }
                }
            };
            return super.download(command, counting, listener, idleTimeout);
        }

        @Override
        public void close() {
            if (relay != null) {
                super.close(); // the shared connection is the extension's to close
            }
        }
    }

    private static RemoteShell through(TcpRelay relay) throws SshException {
        TestTarget t = CONNECTION.target();
        TargetSpec spec = new TargetSpec(t.user(), t.host(), relay.port(), t.ed25519Key(), t.hostKeyFingerprint(),
                null, null);
        return TestTarget.isolatedConnector().connect(spec, Credentials.none(),
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(20));
    }

    @Test
    void aDroppedDownloadGoesOnFromWhatArrivedOnANewConnection() throws Exception {
        Path local = TestTarget.tempDir("download").resolve("demo-backup.tar");
        Path part = local.resolveSibling("demo-backup.tar.part");
        long kept;
        try (TcpRelay relay = new TcpRelay(CONNECTION.target().host(), CONNECTION.target().port(), false);
             Counting shell = new Counting(through(relay), relay, DROP_AT)) {
            FileDownloader.CutShort e = assertThrows(FileDownloader.CutShort.class,
                    () -> FileDownloader.download(shell, SUDO, REMOTE, SIZE, sha, local, TransferListener.NONE));
            kept = Files.size(part);
            assertEquals(kept, e.arrived(), e.sentence().en());
            assertTrue(kept > DROP_AT && kept < SIZE, "the part holds what arrived before the drop: " + kept);
            assertTrue(e.sentence().en().contains("run the same download again to go on from there"), e.sentence().en());
        }
        assertFalse(Files.exists(local));
        if (PrivateFile.posix(part)) {
            assertFalse(PrivateFile.readableByOthers(part), "a backup's part is private from its first byte");
        }

        Counting again = new Counting(CONNECTION.shell(), null, Long.MAX_VALUE);
        long[] last = new long[2];
        FileDownloader.download(again, SUDO, REMOTE, SIZE, sha, local, (got, total, rate) -> {
            last[0] = got;
            last[1] = total;
        });

        assertEquals(SIZE - kept, again.delivered, "the second call fetched exactly the rest");
        assertTrue(again.delivered < SIZE / 2, "only the rest crossed the link: " + again.delivered);
        assertEquals(SIZE, last[0]);
        assertEquals(SIZE, last[1]);
        assertEquals(sha, sha256(local));
        assertFalse(Files.exists(part));
        if (PrivateFile.posix(local)) {
            assertFalse(PrivateFile.readableByOthers(local));
        }
    }

    @Test
    void sendFileStartsAtTheOffsetAndRefusesAMissingOrShorterFile() throws Exception {
        RemoteShell shell = CONNECTION.shell();
        Duration t = Duration.ofSeconds(30);
        assertEquals("0123456789", shell.exec(SUDO.sendFile(DIR + "/ten", 0), t).stdout());
        assertEquals("3456789", shell.exec(SUDO.sendFile(DIR + "/ten", 3), t).stdout());
        ExecResult end = shell.exec(SUDO.sendFile(DIR + "/ten", 10), t);
        assertEquals(0, end.exitCode(), end.stderr());
        assertEquals("", end.stdout());

        ExecResult shorter = shell.exec(SUDO.sendFile(DIR + "/ten", 11), t);
        assertEquals(65, shorter.exitCode());
        assertEquals(DIR + "/ten holds 10 bytes, fewer than the 11 already downloaded\n", shorter.stderr());
        ExecResult missing = shell.exec(SUDO.sendFile(DIR + "/none", 0), t);
        assertEquals(66, missing.exitCode());
        assertEquals("there is no file " + DIR + "/none\n", missing.stderr());

        ExecResult hash = shell.exec(SUDO.fileSha256(REMOTE), t);
        assertEquals(0, hash.exitCode(), hash.stderr());
        assertEquals(sha + "  -", hash.stdout().strip());
        assertEquals(66, shell.exec(SUDO.fileSha256(DIR + "/none"), t).exitCode());
    }

    private static String sha256(Path file) throws IOException {
        var digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Sha256.hex(digest);
    }
}
