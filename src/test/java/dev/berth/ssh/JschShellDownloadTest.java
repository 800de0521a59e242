package dev.berth.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TargetConnection;
import dev.berth.testsupport.TestTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** download over one connection to the real sshd: stdout into the sink, exit code and stderr back, silence bounded. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@IntegrationTest
class JschShellDownloadTest {
    private static final Duration T = Duration.ofSeconds(30);

    @RegisterExtension
    static final TargetConnection CONNECTION = new TargetConnection();

    @Test
    void stdoutGoesToTheSinkAndTheExitCodeAndStderrComeBack() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<long[]> progress = new ArrayList<>();
        ExecResult r = CONNECTION.shell().download(RemoteCommand.script(
                        "printf abc; head -c 3000000 /dev/zero; echo problem >&2; exit 3"), sink,
                (got, total, rate) -> progress.add(new long[] {got, total}), T);

        assertEquals(3, r.exitCode());
        assertEquals("problem\n", r.stderr());
        assertEquals("", r.stdout(), "stdout went to the sink");
        byte[] got = sink.toByteArray();
        assertEquals(3_000_003, got.length);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(got, 3));
        assertArrayEquals(new long[] {3_000_003, -1}, progress.get(progress.size() - 1),
                "the last report counts every byte; the total is the caller's to know");
    }

    @Test
    void aCommandThatFallsSilentIsStoppedAtTheIdleTimeoutAndTheConnectionStaysUsable() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SshException e = assertThrows(SshException.class, () -> CONNECTION.shell().download(
                RemoteCommand.script("printf first; exec sleep 30"), sink, TransferListener.NONE, Duration.ofSeconds(1)));

        assertEquals(SshException.Kind.TIMEOUT, e.kind());
        assertTrue(e.sentence().en().startsWith("The download from ") && e.sentence().en().contains("made no progress"),
                e.sentence().en());
        assertTrue(e.sentence().zh().contains("下载"), e.sentence().zh());
        assertEquals("first", sink.toString(StandardCharsets.US_ASCII), "what came before the silence was kept");
        assertEquals("still here\n", CONNECTION.shell().exec(RemoteCommand.script("echo still here"), T).stdout());
    }

    @Test
    void aSinkThatFailsStopsTheCommand() {
        IOException full = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        };
        // A command that never stops printing: only the failed write can end the call (well before T).
        String marker = "berth-flood-" + System.nanoTime();
        SshException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(SshException.class,
                () -> CONNECTION.shell().download(RemoteCommand.of("bash", "-c", "exec -a " + marker + " cat /dev/zero"),
                        failing, TransferListener.NONE, T)));

        assertEquals(SshException.Kind.CHANNEL, e.kind());
        assertEquals(full, e.getCause());
        assertTrue(e.sentence().en().contains("No space left on device"), e.sentence().en());
        // The remote command was stopped, not left printing into a closed channel (bounded wait for it to go).
        TestTarget.runLocalOk("for i in $(seq 100); do pgrep -f \"[b]" + marker.substring(1)
                + "\" >/dev/null || exit 0; sleep 0.05; done; echo still running; exit 1");
    }
}
