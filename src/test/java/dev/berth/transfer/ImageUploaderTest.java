package dev.berth.transfer;

import dev.berth.ssh.RemoteCommand;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.LocalCommandShell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.target.ServerCommands;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.ssh.Privilege;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * The upload's server side runs here for real ({@code bash -c}, as sshd would run it), so what it does to the file
 * can be watched: one pass on each side, a stream cut short kept as a part that the next upload goes on from
 * (only when its bytes are the file's), and parts abandoned for days removed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@IntegrationTest
class ImageUploaderTest {
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    /** Runs each command locally with a {@code sha256sum} on the PATH that logs how it was called. */
    private static final class ProcessShell implements LocalCommandShell {
        final Path bin;
        final Path log;
        /** How many bytes to pass on before the "link" drops; -1 for all of them. */
        long dropAfter = -1;
        /** Bytes the last upload streamed to the server. */
        long streamed;
        /** Run once as the next upload starts (a server side of an earlier upload still writing). */
        Runnable onUpload;

        ProcessShell(Path dir) throws IOException {
            bin = Files.createDirectories(dir.resolve("bin"));
            log = dir.resolve("sha256sum.log");
            Path wrapper = bin.resolve("sha256sum");
            Files.writeString(wrapper, "#!/bin/sh\necho \"$#:$*\" >> '" + log + "'\nexec /usr/bin/sha256sum \"$@\"\n");
            wrapper.toFile().setExecutable(true);
        }

        private Process start(String command) throws IOException {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", command);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            return pb.start();
        }

        @Override
        public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
            try {
                Process p = start(command.toShell());
                p.getOutputStream().close();
                return result(p);
            } catch (IOException | InterruptedException e) {
                throw new SshException(SshException.Kind.CHANNEL, Localized.same(e.toString()), e);
            }
        }

        @Override
        public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                                 Duration idleTimeout) throws SshException {
            try {
                if (onUpload != null) {
                    Runnable r = onUpload;
                    onUpload = null;
                    r.run();
                }
                Process p = start(command.toShell());
                long limit = dropAfter < 0 ? size : dropAfter;
                long sent = 0;
                try (OutputStream in = p.getOutputStream()) {
                    byte[] buf = new byte[8192];
                    int n;
                    while (sent < limit && (n = data.read(buf, 0, (int) Math.min(buf.length, limit - sent))) > 0) {
                        in.write(buf, 0, n);
                        sent += n;
                        listener.progress(sent, size, 0);
                    }
                } catch (IOException stoppedReading) {
                    // The command exited without reading everything; as over SSH, its exit status says why.
                }
                streamed = sent;
                ExecResult r = result(p);
                if (dropAfter >= 0) {
                    throw new SshException(SshException.Kind.CHANNEL, Localized.same("The connection was lost."));
                }
                return r;
            } catch (IOException | InterruptedException e) {
                throw new SshException(SshException.Kind.CHANNEL, Localized.same(e.toString()), e);
            }
        }

        private static ExecResult result(Process p) throws InterruptedException {
            LocalCommandShell.Output output = new LocalCommandShell.Output(p);
            p.waitFor();
            return output.result();
        }
    }

    private static byte[] content() {
        byte[] b = new byte[SIZE];
        new Random(42).nextBytes(b);
        return b;
    }

    /**
     * The tarball is a named pipe fed once: a laptop side that read the file a second time (to hash it) would find
     * nothing more to read and the test would time out.
     */
    private static ImageTarball fifoTarball(Path dir, byte[] content) throws Exception {
        Path fifo = dir.resolve("x-1.tar");
        TestTarget.runLocalOk("mkfifo '" + fifo + "'");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(content);
            } catch (IOException e) {
                // the reader went away: the test's assertions say what went wrong
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return new ImageTarball(fifo, content.length, "sha256:" + "0".repeat(64), List.of("x:1"));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void eachSideReadsTheStreamOnceAndHashesItOnTheWay() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        ProcessShell shell = new ProcessShell(dir);
        Path server = dir.resolve("server/images");
        byte[] content = content();
        String sha = new ImageUploader(shell, new ServerCommands(Privilege.NONE))
                .upload(fifoTarball(dir, content), server.toString(), TransferListener.NONE);
        assertEquals(sha256(content), sha);
        assertArrayEquals(content, Files.readAllBytes(server.resolve("x-1.tar")));
        assertFalse(Files.exists(server.resolve("x-1.tar.part")));
        // The server hashed the stream as it passed (no file argument), not the written file afterwards.
        assertEquals(List.of("0:"), Files.readAllLines(shell.log));
    }

    /** Runs UPLOAD with the link dropping after AFTER bytes; the link is whole again afterwards. */
    private static UploadCutShort cutShort(ProcessShell shell, long after,
                                           org.junit.jupiter.api.function.Executable upload) {
        shell.dropAfter = after;
        try {
            return assertThrows(UploadCutShort.class, upload);
        } finally {
            shell.dropAfter = -1;
        }
    }

    private static ImageTarball fileTarball(Path dir, byte[] content) throws Exception {
        Path file = Files.write(dir.resolve("x-1.tar"), content);
        return new ImageTarball(file, content.length, "sha256:" + "0".repeat(64), List.of("x:1"));
    }

    @Test
    void aStreamCutShortIsKeptAndTheNextUploadSendsOnlyTheRest() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        ProcessShell shell = new ProcessShell(dir);
        Path server = dir.resolve("server/images");
        byte[] content = content();
        ImageTarball tarball = fileTarball(dir, content);
        ImageUploader uploader = new ImageUploader(shell, new ServerCommands(Privilege.NONE));
        UploadCutShort cut = cutShort(shell, SIZE / 2, () -> uploader.upload(tarball, server.toString(),
                TransferListener.NONE));
        assertEquals(SIZE / 2, Files.size(server.resolve("x-1.tar.part")), "what arrived stays as the part");
        assertFalse(Files.exists(server.resolve("x-1.tar")), "nothing half-sent has the name docker load is given");
        assertEquals("The connection dropped while sending x-1.tar, before the deployment started: nothing that runs"
                + " on the server was changed. What arrived is kept on the server; run it again to go on from there."
                + " (The connection was lost.)", cut.sentence(Localized.same("run it again")).en());
        assertTrue(cut.withLeft(310L << 20, 660L << 20).sentence(Localized.same("run it again")).en().contains(
                " was changed. At least 310.0 MB of the 660.0 MB to send is left. What arrived is kept"),
                "a deploy that knows how far its images went says how much is left");

        List<Long> resumedFrom = new java.util.ArrayList<>();
        String sha = uploader.upload(TransferPlan.whole(tarball), server.toString(), TransferListener.NONE,
                (from, size) -> resumedFrom.add(from));
        assertEquals(List.of((long) (SIZE / 2)), resumedFrom, "the operator is told where it goes on from");
        assertEquals(SIZE - SIZE / 2, shell.streamed, "only the rest crossed the link");
        assertEquals(sha256(content), sha);
        assertArrayEquals(content, Files.readAllBytes(server.resolve("x-1.tar")));
        assertFalse(Files.exists(server.resolve("x-1.tar.part")));
    }

    @Test
    void aPartSentRawIsGoneOnFromRawEvenWhenThisRunWouldCompress() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        ProcessShell shell = new ProcessShell(dir);
        Path server = dir.resolve("server/images");
        byte[] content = content();
        UploadSource raw = TransferPlan.whole(fileTarball(dir, content));
        ImageUploader uploader = new ImageUploader(shell, new ServerCommands(Privilege.NONE));
        cutShort(shell, SIZE / 2, () -> uploader.upload(raw, server.toString(), TransferListener.NONE,
                (from, size) -> { }));
        uploader.upload(CompressedSource.of(raw, Codec.GZIP), raw, server.toString(), TransferListener.NONE, (from, size) -> { });
        assertEquals(SIZE - SIZE / 2, shell.streamed, "the half that arrived raw was not sent again");
        assertArrayEquals(content, Files.readAllBytes(server.resolve("x-1.tar")));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aCompressedUploadCutShortGoesOnCompressed(Codec codec) throws Exception {
        Path dir = TestTarget.tempDir("upload");
        ProcessShell shell = new ProcessShell(dir);
        Path server = dir.resolve("server/images");
        byte[] content = new byte[SIZE];
        Arrays.fill(content, (byte) 'a');
        for (int i = 0; i < content.length; i += 7) {
            content[i] = (byte) ('a' + i % 13); // compressible, not trivially
        }
        UploadSource raw = TransferPlan.whole(fileTarball(dir, content));
        CompressedSource z = CompressedSource.of(raw, codec);
        ImageUploader uploader = new ImageUploader(shell, new ServerCommands(Privilege.NONE));
        cutShort(shell, z.size() / 2, () -> uploader.upload(z, raw, server.toString(), TransferListener.NONE,
                (from, size) -> { }));
        uploader.upload(CompressedSource.of(raw, codec), raw, server.toString(), TransferListener.NONE, (from, size) -> { });
        assertEquals(z.size() - z.size() / 2, shell.streamed);
        // Unpacked by the server's own tool, as docker load (gzip) or the deploy job (zstd -d) does.
        Process unpack = new ProcessBuilder(codec.word(), "-dc", server.resolve("x-1.tar").toString()).start();
        assertArrayEquals(content, unpack.getInputStream().readAllBytes(), "the server's " + codec.word() + " reads it");
        assertEquals(0, unpack.waitFor());
    }

    /** A small tmpfs as the install dir's filesystem (root only, as the integration tier runs). */
    @Test
    void aFullDiskLeavesNoPartAndSaysSo() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        Path server = Files.createDirectories(dir.resolve("server"));
        TestTarget.runLocalOk("mount -t tmpfs -o size=1m berth-full '" + server + "'");
        try {
            Path images = server.resolve("images");
            TransferException e = assertThrows(TransferException.class, () -> new ImageUploader(new ProcessShell(dir),
                    new ServerCommands(Privilege.NONE)).upload(fileTarball(dir, content()), images.toString(),
                    TransferListener.NONE));
            assertTrue(e.sentence().en().startsWith("The server could not store x-1.tar (is its disk full?): ")
                    && e.sentence().en().contains("No space left on device"), e.sentence().en());
            assertFalse(Files.exists(images.resolve("x-1.tar.part")), "a part that filled the disk is removed");
            assertFalse(Files.exists(images.resolve("x-1.tar")));
            assertEquals(List.of(), TestTarget.runLocalOk("ls -A '" + images + "'").lines().toList());
        } finally {
            TestTarget.runLocal("umount '" + server + "'", Duration.ofSeconds(20));
        }
    }

    @Test
    void aPartStillGrowingFromTheDroppedUploadIsMeasuredAgain() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        ProcessShell shell = new ProcessShell(dir);
        Path server = dir.resolve("server/images");
        byte[] content = content();
        ImageTarball tarball = fileTarball(dir, content);
        ImageUploader uploader = new ImageUploader(shell, new ServerCommands(Privilege.NONE));
        cutShort(shell, SIZE / 2, () -> uploader.upload(tarball, server.toString(), TransferListener.NONE));
        Path part = server.resolve("x-1.tar.part");
        // The old server side writes its last buffered bytes after this upload measured the part.
        shell.onUpload = () -> {
            try {
                Files.write(part, Arrays.copyOfRange(content, SIZE / 2, SIZE / 2 + 4096),
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertEquals(sha256(content), uploader.upload(tarball, server.toString(), TransferListener.NONE));
        assertEquals(SIZE - SIZE / 2 - 4096, shell.streamed, "measured again, it went on from the grown part");
        assertArrayEquals(content, Files.readAllBytes(server.resolve("x-1.tar")));
    }

    @Test
    void aPartThatIsNotTheFilesBeginningIsSentAgainFromTheStart() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        ProcessShell shell = new ProcessShell(dir);
        Path server = Files.createDirectories(dir.resolve("server/images"));
        Files.write(server.resolve("x-1.tar.part"), new byte[SIZE / 3]); // another x-1.tar, or damaged on the way
        byte[] content = content();
        String sha = new ImageUploader(shell, new ServerCommands(Privilege.NONE))
                .upload(fileTarball(dir, content), server.toString(), TransferListener.NONE);
        assertEquals(SIZE, shell.streamed);
        assertEquals(sha256(content), sha);
        assertArrayEquals(content, Files.readAllBytes(server.resolve("x-1.tar")));
    }

    @Test
    void aPartAbandonedForDaysIsRemovedByTheNextUpload() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        Path server = Files.createDirectories(dir.resolve("server/images"));
        Path stale = Files.writeString(server.resolve("old-0.9.tar.part"), "half of an old image");
        Path recent = Files.writeString(server.resolve("other-1.0.tar.part"), "cut short last night, to go on from");
        TestTarget.runLocalOk("touch -d '-4 days' '" + stale + "'");
        TestTarget.runLocalOk("touch -d '-10 hours' '" + recent + "'");
        new ImageUploader(new ProcessShell(dir), new ServerCommands(Privilege.NONE))
                .upload(fifoTarball(dir, content()), server.toString(), TransferListener.NONE);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(recent), "a part a later upload can go on from must be left alone");
    }
}
