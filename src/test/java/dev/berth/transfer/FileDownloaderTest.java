package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.files.PrivateFile;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup brought down from the server: only a file whose sha256 is the listed one gets its name, a download cut
 * short is gone on from by asking the server for the rest only, and nothing the operator already has is overwritten.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileDownloaderTest {
    private static final ServerCommands COMMANDS = new ServerCommands(Privilege.SUDO);
    private static final String REMOTE = "/opt/demo/backups/demo-20261203-1200.tar";
    private static final int SIZE = 1024 * 1024 + 5;
    private static final byte[] DATA = random(SIZE);
    private static final String SHA = Sha256.hex(DATA);

    @TempDir
    Path dir;

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    private Path target() {
        return dir.resolve("demo-20261203-1200.tar");
    }

    private Path part() {
        return dir.resolve("demo-20261203-1200.tar.part");
    }

    private static SshException lost() {
        return new SshException(SshException.Kind.CHANNEL, Localized.of("与 srv 的连接已断开。", "The connection to srv was lost."));
    }

    /** What a listener was told, as "bytes/total" pairs. */
    private static final class Progress implements TransferListener {
        final List<long[]> seen = new ArrayList<>();

        @Override
        public void progress(long bytesSent, long totalBytes, double bytesPerSecond) {
            seen.add(new long[] {bytesSent, totalBytes});
        }

        long[] first() {
            return seen.get(0);
        }

        long[] last() {
            return seen.get(seen.size() - 1);
        }
    }

    @Test
    void aFreshDownloadArrivesWholeChecked() throws Exception {
        ScriptedShell shell = new ScriptedShell().answerBytes(COMMANDS.sendFile(REMOTE, 0), DATA);
        Progress progress = new Progress();

        Path got = FileDownloader.download(shell, COMMANDS, REMOTE, SIZE, SHA, target(), progress);

        assertEquals(target(), got);
        assertArrayEquals(DATA, Files.readAllBytes(target()));
        assertFalse(Files.exists(part()), "the part took the target's name");
        assertEquals(List.of(COMMANDS.sendFile(REMOTE, 0)), shell.commands());
        assertArrayEquals(new long[] {0, SIZE}, progress.first());
        assertArrayEquals(new long[] {SIZE, SIZE}, progress.last(), "progress counts the whole file, total known");
        if (PrivateFile.posix(target())) {
            assertFalse(PrivateFile.readableByOthers(target()), "a backup holds the stack's secrets");
        }
    }

    @Test
    void aPartLeftByADroppedLinkIsGoneOnFromAskingOnlyForTheRest() throws Exception {
        int cut = 400_000;
        ScriptedShell first = new ScriptedShell()
                .dropAfter(COMMANDS.sendFile(REMOTE, 0), Arrays.copyOf(DATA, cut), lost());

        FileDownloader.CutShort e = assertThrows(FileDownloader.CutShort.class,
                () -> FileDownloader.download(first, COMMANDS, REMOTE, SIZE, SHA, target(), null));

        assertEquals(cut, e.arrived());
        assertEquals(SIZE, e.size());
        assertEquals(SshException.Kind.CHANNEL, e.kind(), "still the connection's failure: the caller reconnects");
        assertTrue(e.sentence().en().contains("arrived and are kept on this computer; run the same download again"),
                e.sentence().en());
        assertTrue(e.sentence().en().contains("The connection to srv was lost."), e.sentence().en());
        assertArrayEquals(Arrays.copyOf(DATA, cut), Files.readAllBytes(part()), "what arrived stays for the next call");
        assertFalse(Files.exists(target()));
        if (PrivateFile.posix(part())) {
            assertFalse(PrivateFile.readableByOthers(part()), "private from its first byte");
        }

        ScriptedShell second = new ScriptedShell()
                .answerBytes(COMMANDS.sendFile(REMOTE, cut), Arrays.copyOfRange(DATA, cut, SIZE));
        Progress progress = new Progress();
        FileDownloader.download(second, COMMANDS, REMOTE, SIZE, SHA, target(), progress);

        assertEquals(List.of(COMMANDS.sendFile(REMOTE, cut)), second.commands(), "only the rest is asked for");
        assertArrayEquals(DATA, Files.readAllBytes(target()));
        assertFalse(Files.exists(part()));
        assertArrayEquals(new long[] {cut, SIZE}, progress.first(), "progress starts where the part ends");
    }

    @Test
    void aWholePartIsCheckedAndKeptWithoutAskingTheServer() throws Exception {
        Files.write(part(), DATA);
        ScriptedShell shell = new ScriptedShell();

        FileDownloader.download(shell, COMMANDS, REMOTE, SIZE, "sha256:" + SHA.toUpperCase(), target(), null);

        assertEquals(List.of(), shell.commands());
        assertArrayEquals(DATA, Files.readAllBytes(target()));
    }

    @Test
    void aWrongChecksumRemovesThePart() throws Exception {
        byte[] damaged = DATA.clone();
        damaged[1000] ^= 0x20;
        ScriptedShell shell = new ScriptedShell().answerBytes(COMMANDS.sendFile(REMOTE, 0), damaged);

        TransferException e = assertThrows(TransferException.class,
                () -> FileDownloader.download(shell, COMMANDS, REMOTE, SIZE, SHA, target(), null));

        assertTrue(e.sentence().en().startsWith("The download of " + REMOTE + " did not match its checksum"),
                e.sentence().en());
        assertTrue(e.sentence().en().endsWith("it was removed, download it again."), e.sentence().en());
        assertFalse(e.sentence().zh().isBlank());
        assertFalse(Files.exists(part()), "a damaged part cannot be gone on from");
        assertFalse(Files.exists(target()));
    }

    @Test
    void aPartLongerThanTheFileIsDiscardedAndTheDownloadStartsAgain() throws Exception {
        Files.write(part(), random(SIZE + 10));
        ScriptedShell shell = new ScriptedShell().answerBytes(COMMANDS.sendFile(REMOTE, 0), DATA);

        FileDownloader.download(shell, COMMANDS, REMOTE, SIZE, SHA, target(), null);

        assertEquals(List.of(COMMANDS.sendFile(REMOTE, 0)), shell.commands(), "asked from the start");
        assertArrayEquals(DATA, Files.readAllBytes(target()));
    }

    @Test
    void anExistingTargetIsNeverOverwritten() throws Exception {
        Files.writeString(target(), "the operator's own file");
        ScriptedShell shell = new ScriptedShell();

        TransferException e = assertThrows(TransferException.class,
                () -> FileDownloader.download(shell, COMMANDS, REMOTE, SIZE, SHA, target(), null));

        assertTrue(e.sentence().en().contains(target() + " already exists and Berth does not overwrite it"),
                e.sentence().en());
        assertEquals("the operator's own file", Files.readString(target()));
        assertEquals(List.of(), shell.commands(), "nothing is asked of the server");
        assertFalse(Files.exists(part()));
    }

    @Test
    void aPartAnotherDownloadIsWritingIsLeftAlone() throws Exception {
        Files.write(part(), Arrays.copyOf(DATA, 1000));
        ScriptedShell shell = new ScriptedShell();
        try (FileChannel other = FileChannel.open(part(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock held = other.lock()) {
            TransferException e = assertThrows(TransferException.class,
                    () -> FileDownloader.download(shell, COMMANDS, REMOTE, SIZE, SHA, target(), null));
            assertTrue(e.sentence().en().startsWith("Another download of " + REMOTE + " is writing"), e.sentence().en());
        }
        assertEquals(List.of(), shell.commands(), "nothing is asked of the server");
        assertArrayEquals(Arrays.copyOf(DATA, 1000), Files.readAllBytes(part()), "the other download's part is intact");
    }

    @Test
    void aServerFileLongerOrShorterThanListedIsNotKept() throws IOException {
        ScriptedShell longer = new ScriptedShell()
                .answerBytes(COMMANDS.sendFile(REMOTE, 0), Arrays.copyOf(DATA, SIZE + 1));
        TransferException l = assertThrows(TransferException.class,
                () -> FileDownloader.download(longer, COMMANDS, REMOTE, SIZE, SHA, target(), null));
        assertTrue(l.sentence().en().contains("holds more than the " + SIZE + " bytes expected"), l.sentence().en());
        assertFalse(Files.exists(part()));

        ScriptedShell shorter = new ScriptedShell()
                .answerBytes(COMMANDS.sendFile(REMOTE, 0), Arrays.copyOf(DATA, SIZE - 1));
        TransferException s = assertThrows(TransferException.class,
                () -> FileDownloader.download(shorter, COMMANDS, REMOTE, SIZE, SHA, target(), null));
        assertTrue(s.sentence().en().contains("holds " + (SIZE - 1) + " bytes, not the " + SIZE + " expected"),
                s.sentence().en());
        assertFalse(Files.exists(part()));
        assertFalse(Files.exists(target()));
    }

    @Test
    void theServersRefusalIsReportedAndOnlyAShorterFileDropsThePart() throws Exception {
        Files.write(part(), Arrays.copyOf(DATA, 1000));
        ScriptedShell missing = new ScriptedShell().answer(COMMANDS.sendFile(REMOTE, 1000),
                new ExecResult(66, "", "there is no file " + REMOTE + "\n"));
        TransferException m = assertThrows(TransferException.class,
                () -> FileDownloader.download(missing, COMMANDS, REMOTE, SIZE, SHA, target(), null));
        assertEquals("The server could not send " + REMOTE + ": there is no file " + REMOTE, m.sentence().en());
        assertEquals(1000, Files.size(part()), "kept: the file may be back, or a path was mistyped");

        ScriptedShell shorter = new ScriptedShell().answer(COMMANDS.sendFile(REMOTE, 1000),
                new ExecResult(65, "", REMOTE + " holds 10 bytes, fewer than the 1000 already downloaded\n"));
        TransferException s = assertThrows(TransferException.class,
                () -> FileDownloader.download(shorter, COMMANDS, REMOTE, SIZE, SHA, target(), null));
        assertTrue(s.sentence().en().contains("fewer than the 1000 already downloaded"), s.sentence().en());
        assertFalse(Files.exists(part()), "a part longer than the server's file is not its beginning");
    }
}
