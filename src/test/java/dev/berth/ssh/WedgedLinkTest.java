package dev.berth.ssh;

import dev.berth.testsupport.IntegrationTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TcpRelay;
import dev.berth.testsupport.TestTarget;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections through a relay in front of the real sshd that stops passing bytes on (a peer that neither reads nor
 * answers): every call still ends at its timeout, and one wedged connection never holds up the timeouts of others.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@IntegrationTest
class WedgedLinkTest {
    private final TestTarget env = TestTarget.get();

    private RemoteShell through(TcpRelay relay) throws SshException {
        TargetSpec t = new TargetSpec(env.user(), env.host(), relay.port(), env.ed25519Key(), env.hostKeyFingerprint(),
                null, null);
        return TestTarget.isolatedConnector().connect(t, Credentials.none(), HostKeyStore.inHome(TestTarget.newBerthHome()),
                HostKeyDecision.REFUSE, Duration.ofSeconds(20));
    }

    @Test
    void aTimeoutThatFiresWhileTheChannelOpensEndsTheCall() throws Exception {
        try (TcpRelay relay = new TcpRelay(env.host(), env.port(), false); RemoteShell shell = through(relay)) {
            assertEquals("up\n", shell.exec(RemoteCommand.script("echo up"), Duration.ofSeconds(20)).stdout());
            relay.pause(); // the channel-open request never reaches sshd, so no confirmation ever comes back
            SshException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(SshException.class,
                    () -> shell.exec(RemoteCommand.script("true"), Duration.ofMillis(500))));
            assertEquals(SshException.Kind.TIMEOUT, e.kind(), e.sentence().en());
            SshException s = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(SshException.class,
                    () -> shell.streamLines(RemoteCommand.script("echo x"), l -> { }, Duration.ofMillis(500))));
            assertEquals(SshException.Kind.TIMEOUT, s.kind(), s.sentence().en());
            SshException u = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(SshException.class,
                    () -> shell.upload(InputStream.nullInputStream(), 0, RemoteCommand.script("cat >/dev/null"), TransferListener.NONE,
                            Duration.ofMillis(500))));
            assertEquals(SshException.Kind.TIMEOUT, u.kind(), u.sentence().en());
            relay.resume();
        }
    }

    /** Zeros, as many as asked for; pauses the relay once {@code pauseAt} bytes were read. */
    private static InputStream zeros(TcpRelay relay, long pauseAt) {
        return new InputStream() {
            private long read;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (read >= pauseAt) {
                    relay.pause();
                }
                java.util.Arrays.fill(b, off, off + len, (byte) 0);
                read += len;
                return len;
            }
        };
    }

    @Test
    void aWedgedConnectionHoldsUpNeitherOtherConnectionsNorItsOwnCalls() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wedged-upload");
            t.setDaemon(true);
            return t;
        });
        // Small relay buffers and three channels' worth of window (2 MiB each from sshd) are more than the
        // kernel will buffer: JSch's writes block inside the socket, holding the session's write lock.
        TcpRelay relay = new TcpRelay(env.host(), env.port(), true);
        RemoteShell wedged = through(relay);
        try (RemoteShell healthy = env.connect()) {
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                uploads.add(pool.submit(() -> wedged.upload(zeros(relay, 512 * 1024), 64L << 20, RemoteCommand.script("cat >/dev/null"),
                        TransferListener.NONE, Duration.ofSeconds(1))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!relay.isPaused() && System.nanoTime() < deadline) {
                Thread.sleep(10); // until the uploads are under way and the relay has stopped passing bytes on
            }
            assertTrue(relay.isPaused(), "the uploads never started");
            long pausedAt = System.nanoTime();
            // The wedged uploads' idle timeouts fire after a second and their channels' close hangs until the cut
            // 5 s later; this call's timeout falls in between and must still fire on time.
            SshException e = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> assertThrows(SshException.class,
                    () -> healthy.exec(RemoteCommand.script("sleep 12"), Duration.ofSeconds(3))));
            assertEquals(SshException.Kind.TIMEOUT, e.kind(), e.sentence().en());
            assertTrue(System.nanoTime() - pausedAt < TimeUnit.SECONDS.toNanos(5), "checked while the link was wedged (JschShell.CUT_AFTER)");
            // And the wedged calls themselves end, though JSch's own close would wait behind the blocked writes.
            for (Future<?> f : uploads) {
                ExecutionException x = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
                assertTrue(x.getCause() instanceof SshException, String.valueOf(x.getCause()));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(10), wedged::close);
        } finally {
            relay.close();
            pool.shutdownNow();
        }
    }
}
