package dev.berth.transfer;

import dev.berth.ssh.RemoteCommand;
import dev.berth.testsupport.ForwardingShell;
import dev.berth.testsupport.IntegrationTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.target.ServerCommands;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.ssh.Privilege;
import dev.berth.testsupport.TestTarget;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Uploads to the real sshd whose bytes arrive damaged: nothing is kept on the server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@IntegrationTest
class ImageUploadOverSshTest {

    /** The real connection, with one byte flipped on the way out (after the laptop hashed it): a damaged link. */
    private static final class Corrupting extends ForwardingShell {
        Corrupting(RemoteShell real) {
            super(real);
        }

        @Override
        public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                                 Duration idleTimeout) throws SshException {
            InputStream flipped = new FilterInputStream(data) {
                private long pos;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0 && pos <= 1000 && pos + n > 1000) {
                        b[off + (int) (1000 - pos)] ^= 0x20;
                    }
                    pos += Math.max(0, n);
                    return n;
                }
            };
            return super.upload(flipped, size, command, listener, idleTimeout);
        }
    }

    @Test
    void aChecksumMismatchRemovesTheFile() throws Exception {
        Path local = TestTarget.tempDir("mismatch").resolve("x-1.tar");
        Files.write(local, new byte[256 * 1024]);
        String dir = "/tmp/berth-mismatch-" + System.nanoTime();
        try (RemoteShell shell = new Corrupting(TestTarget.get().connect())) {
            ImageTarball t = new ImageTarball(local, Files.size(local), "sha256:" + "0".repeat(64), List.of("x:1"));
            TransferException e = assertThrows(TransferException.class, () -> new ImageUploader(shell,
                    new ServerCommands(Privilege.NONE)).upload(t, dir, TransferListener.NONE));
            assertTrue(e.sentence().en().contains("different checksum") && e.sentence().en().contains("discarded"),
                    e.sentence().en());
            assertEquals("", TestTarget.runLocalOk("ls -A " + dir).strip(), "nothing may stay on the server");
        } finally {
            TestTarget.runLocal("rm -rf " + dir, Duration.ofSeconds(20));
        }
    }
}
