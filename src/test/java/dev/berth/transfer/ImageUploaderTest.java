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
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upload's server side runs here for real ({@code bash -c}, as sshd would run it), so what it does to the file
 * can be watched: one pass on each side, and no partial file left behind when the stream is cut.
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
                Process p = start(command.toShell());
                long limit = dropAfter < 0 ? size : dropAfter;
                try (OutputStream in = p.getOutputStream()) {
                    byte[] buf = new byte[8192];
                    long sent = 0;
                    int n;
                    while (sent < limit && (n = data.read(buf, 0, (int) Math.min(buf.length, limit - sent))) > 0) {
                        in.write(buf, 0, n);
                        sent += n;
                    }
                }
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

    @Test
    void aStreamCutShortLeavesNoPartialFileOnTheServer() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        ProcessShell shell = new ProcessShell(dir);
        shell.dropAfter = SIZE / 2;
        Path server = dir.resolve("server/images");
        assertThrows(SshException.class, () -> new ImageUploader(shell, new ServerCommands(Privilege.NONE))
                .upload(fifoTarball(dir, content()), server.toString(), TransferListener.NONE));
        assertFalse(Files.exists(server.resolve("x-1.tar.part")), "the partial file stayed on the server");
        assertFalse(Files.exists(server.resolve("x-1.tar")));
    }

    @Test
    void aPartLeftByACrashLongAgoIsRemovedByTheNextUpload() throws Exception {
        Path dir = TestTarget.tempDir("upload");
        Path server = Files.createDirectories(dir.resolve("server/images"));
        Path stale = Files.writeString(server.resolve("old-0.9.tar.part"), "half of an old image");
        Path fresh = Files.writeString(server.resolve("other-1.0.tar.part"), "another upload, still running");
        TestTarget.runLocalOk("touch -d '-1 hour' '" + stale + "'");
        new ImageUploader(new ProcessShell(dir), new ServerCommands(Privilege.NONE))
                .upload(fifoTarball(dir, content()), server.toString(), TransferListener.NONE);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh), "a part still being written must be left alone");
    }
}
