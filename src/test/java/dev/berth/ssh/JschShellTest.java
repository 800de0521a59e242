package dev.berth.ssh;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** exec, streaming and upload over one connection to the real sshd. */
@IntegrationTest
class JschShellTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static RemoteShell shell;

    @BeforeAll
    static void connect() throws SshException {
        shell = TestTarget.get().connect();
    }

    @AfterAll
    static void close() {
        if (shell != null) {
            shell.close();
        }
    }

    @Test
    void execReturnsOutputErrorsAndExitCode() throws Exception {
        ExecResult r = shell.exec(RemoteCommand.script("echo out; echo err >&2; exit 3"), T);
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertTrue(shell.exec(RemoteCommand.script("true"), T).ok());
    }

    @Test
    void execFeedsStdinAndEndsIt() throws Exception {
        byte[] input = "line one\nzwei ü\n".getBytes(StandardCharsets.UTF_8);
        ExecResult r = shell.exec(RemoteCommand.script("cat; echo done"), input, T);
        assertEquals("line one\nzwei ü\ndone\n", r.stdout());
        // Without stdin the command sees end of input at once instead of hanging.
        assertEquals("0\n", shell.exec(RemoteCommand.script("wc -c"), T).stdout().trim() + "\n");
    }

    @Test
    void theTestUserReachesDockerThroughSudo() throws Exception {
        assertTrue(shell.exec(RemoteCommand.script("docker info"), T).exitCode() != 0, "berthtest must not reach docker without sudo");
        ExecResult r = shell.exec(RemoteCommand.script("sudo -n docker version --format '{{.Server.Version}}'"), T);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().trim().matches("\\d+\\.\\d+.*"), r.stdout());
    }

    @Test
    void aCommandThatOverstaysItsTimeoutIsStoppedAndTheConnectionStaysUsable() throws Exception {
        String marker = "berth-timeout-" + System.nanoTime();
        SshException e = assertThrows(SshException.class,
                () -> shell.exec(RemoteCommand.of("bash", "-c", "exec -a " + marker + " sleep 30"), Duration.ofSeconds(1)));
        assertEquals(SshException.Kind.TIMEOUT, e.kind());
        assertTrue(e.sentence().en().contains("did not finish within 1 seconds"), e.sentence().en());
        assertEquals("still here\n", shell.exec(RemoteCommand.script("echo still here"), T).stdout());
        // The remote command itself was stopped, not just abandoned (bounded wait for the signal to land).
        TestTarget.runLocalOk("for i in $(seq 100); do pgrep -f \"[b]" + marker.substring(1) + "\" >/dev/null || exit 0; sleep 0.05; done;"
                + " echo still running; exit 1");
    }

    @Test
    void streamLinesDeliversLinesAsTheyComeAndStopsOnRequest() throws Exception {
        List<String> seen = new ArrayList<>();
        int code = shell.streamLines(RemoteCommand.script("i=0; while true; do echo line$i; i=$((i+1)); sleep 0.05; done"), line -> {
            seen.add(line);
            if (line.equals("line3")) {
                throw new RemoteShell.StopStreaming();
            }
        }, T);
        assertEquals(-1, code);
        assertEquals(List.of("line0", "line1", "line2", "line3"), seen);

        List<String> all = new ArrayList<>();
        assertEquals(4, shell.streamLines(RemoteCommand.script("printf 'a\\nb\\nc'; exit 4"), all::add, T));
        assertEquals(List.of("a", "b", "c"), all);
    }

    @Test
    void streamLinesGivesUpWhenTheServerFallsSilent() {
        List<String> seen = new ArrayList<>();
        SshException e = assertThrows(SshException.class,
                () -> shell.streamLines(RemoteCommand.script("echo first; exec sleep 30"), seen::add, Duration.ofSeconds(1)));
        assertEquals(SshException.Kind.TIMEOUT, e.kind());
        assertEquals(List.of("first"), seen);
    }

    /** Deterministic pseudo-random bytes produced on the fly, so 64 MiB never sit in memory. */
    private static final class GeneratedData extends InputStream {
        private final long size;
        private final MessageDigest sha;
        private long pos;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedData(long size) throws Exception {
            this.size = size;
            this.sha = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            sha.update(b, off, n);
            pos += n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    @Test
    void uploadStreams64MiBIntact() throws Exception {
        long size = 64L * 1024 * 1024;
        GeneratedData data = new GeneratedData(size);
        List<long[]> progress = new ArrayList<>();
        long start = System.nanoTime();
        ExecResult r = shell.upload(data, size,
                RemoteCommand.script("f=$(mktemp) && cat > \"$f\" && sha256sum \"$f\" | cut -d' ' -f1 && stat -c %s \"$f\" && rm -f \"$f\""),
                (sent, total, rate) -> {
                    assertEquals(size, total);
                    progress.add(new long[] {sent, (long) rate});
                }, T);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exitCode(), r.stderr());
        // At most about five progress calls a second (plus the final one), however fast the link.
        assertTrue(progress.size() <= 5 * seconds + 2, progress.size() + " calls in " + seconds + " s");
        String[] lines = r.stdout().trim().split("\n");
        assertEquals(data.sha256(), lines[0]);
        assertEquals(Long.toString(size), lines[1]);
        long[] last = progress.get(progress.size() - 1);
        assertEquals(size, last[0]);
        assertTrue(last[1] > 0, "a transfer rate is reported");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress never goes back");
        }
    }

    @Test
    void uploadReturnsTheResultOfACommandThatFails() throws Exception {
        long size = 4L * 1024 * 1024;
        ExecResult r = shell.upload(new GeneratedData(size), size, RemoteCommand.script("cat > /nonexistent-dir/file"), null, T);
        assertTrue(r.exitCode() != 0);
        assertTrue(r.stderr().contains("nonexistent-dir"), r.stderr());
    }

    @Test
    void anUploadThatStopsMovingTimesOut() throws Exception {
        long size = 64L * 1024 * 1024;
        String marker = "berth-stuck-" + System.nanoTime();
        // The remote command never reads its input, so the SSH window fills and the writes block.
        SshException e = assertThrows(SshException.class, () -> shell.upload(new GeneratedData(size), size,
                RemoteCommand.of("bash", "-c", "exec -a " + marker + " sleep 30"), null, Duration.ofSeconds(1)));
        assertEquals(SshException.Kind.TIMEOUT, e.kind());
        assertTrue(e.sentence().en().contains("made no progress"), e.sentence().en());
        assertEquals("ok\n", shell.exec(RemoteCommand.script("echo ok"), T).stdout());
    }

    @Test
    void uploadRefusesDataShorterThanAnnounced() throws Exception {
        SshException e = assertThrows(SshException.class, () -> shell.upload(
                new java.io.ByteArrayInputStream(new byte[10]), 100, RemoteCommand.script("cat > /dev/null"), null, T));
        assertEquals(SshException.Kind.CHANNEL, e.kind());
        assertTrue(e.sentence().en().contains("10 of 100"), e.sentence().en());
    }

    @Test
    void severalChannelsRunAtOnceOnOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                results.add(pool.submit(() -> shell.exec(RemoteCommand.script("sleep 0.3; echo " + n), T)));
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(i + "\n", results.get(i).get().stdout());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(new byte[] {'x'}, shell.exec(RemoteCommand.script("printf x"), T).stdout().getBytes(StandardCharsets.UTF_8));
    }
}
