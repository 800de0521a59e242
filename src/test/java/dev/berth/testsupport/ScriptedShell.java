package dev.berth.testsupport;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.ssh.RemoteCommand;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link RemoteShell} for unit tests: answers each command, matched by its
 * {@link RemoteCommand} value (compared as its quoted shell line), with scripted results. Answers for one command are given in
 * order; the last one repeats (a status read twice answers the same). A command nobody scripted fails the test
 * with the command in the message, so a test never silently talks to nothing.
 */
public final class ScriptedShell implements RemoteShell {
    private final Map<String, Deque<Answer>> answers = new LinkedHashMap<>();
    private final List<RemoteCommand> commands = new ArrayList<>();
    private boolean closed;

    /** Scripts the next answer to {@code command}. */
    public ScriptedShell answer(RemoteCommand command, ExecResult result) {
        return add(command, new Answer(result, null, null));
    }

    /** Scripts the next call of {@code command} to fail as a dropped or refused connection does. */
    public ScriptedShell fail(RemoteCommand command, SshException failure) {
        return add(command, new Answer(null, failure, null));
    }

    /** Scripts a download of {@code command} that delivers {@code stdout} (any bytes) and exits 0. */
    public ScriptedShell answerBytes(RemoteCommand command, byte[] stdout) {
        return add(command, new Answer(new ExecResult(0, "", ""), null, stdout.clone()));
    }

    /** Scripts a download of {@code command} that delivers {@code delivered} and then loses the link with {@code failure}. */
    public ScriptedShell dropAfter(RemoteCommand command, byte[] delivered, SshException failure) {
        return add(command, new Answer(null, failure, delivered.clone()));
    }

    private ScriptedShell add(RemoteCommand command, Answer answer) {
        answers.computeIfAbsent(command.toShell(), c -> new ArrayDeque<>()).addLast(answer);
        return this;
    }

    /** One scripted answer: a result, or the failure the call throws; a download first delivers {@code bytes}. */
    private record Answer(ExecResult result, SshException failure, byte[] bytes) {}

    /** Scripts a command that prints {@code stdout} and exits 0. */
    public ScriptedShell answer(RemoteCommand command, String stdout) {
        return answer(command, new ExecResult(0, stdout, ""));
    }

    /** Every command run so far, in order (exec, streamLines, upload and download alike). */
    public List<RemoteCommand> commands() {
        return List.copyOf(commands);
    }

    public boolean closed() {
        return closed;
    }

    private ExecResult next(RemoteCommand value) throws SshException {
        Answer a = nextAnswer(value);
        if (a.failure() != null) {
            throw a.failure();
        }
        return a.result();
    }

    private Answer nextAnswer(RemoteCommand value) {
        commands.add(value);
        String command = value.toShell();
        Deque<Answer> queue = answers.get(command);
        if (queue == null || queue.isEmpty()) {
            throw new AssertionError("ScriptedShell has no answer for: " + command + "\nScripted: " + answers.keySet());
        }
        return queue.size() > 1 ? queue.removeFirst() : queue.peekFirst();
    }

    @Override
    public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
        return next(command);
    }

    /** Hands the answer's stdout line by line; the answer's exit code is returned, or -1 when the consumer stops. */
    @Override
    public int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) throws SshException {
        ExecResult result = next(command);
        try {
            for (String line : result.stdout().split("\n", -1)) {
                if (!line.isEmpty()) {
                    onLine.accept(line);
                }
            }
        } catch (StopStreaming stop) {
            return -1;
        }
        return result.exitCode();
    }

    /** The rate the scripted link reports while it reads an upload. */
    public static final double UPLOAD_BYTES_PER_SECOND = 1 << 20;

    /**
     * Reads all of {@code data} (as the remote {@code cat} would), telling the listener after each 256 KiB as the
     * real link does, and answers as scripted.
     */
    @Override
    public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
            Duration idleTimeout) throws SshException {
        byte[] buf = new byte[256 * 1024];
        long sent = 0;
        try {
            for (int n; (n = data.readNBytes(buf, 0, buf.length)) > 0; ) {
                sent += n;
                listener.progress(sent, size, UPLOAD_BYTES_PER_SECOND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return next(command);
    }

    /**
     * Writes the answer's bytes (those of {@link #answerBytes} or {@link #dropAfter}, else its stdout) into the sink
     * in 256 KiB writes, telling the listener after each as the real link does (total -1: unknown), then throws the
     * scripted failure or answers with the exit code and stderr. A sink that refuses a write fails as over SSH.
     */
    @Override
    public ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener,
                               Duration idleTimeout) throws SshException {
        Answer a = nextAnswer(command);
        byte[] bytes = a.bytes() != null ? a.bytes()
                : a.result() != null ? a.result().stdout().getBytes(StandardCharsets.UTF_8) : new byte[0];
        int chunk = 256 * 1024;
        for (int at = 0; at < bytes.length; at += chunk) {
            int n = Math.min(chunk, bytes.length - at);
            try {
                sink.write(bytes, at, n);
            } catch (IOException e) {
                throw new SshException(SshException.Kind.CHANNEL, Localized.same("sink failed: " + e.getMessage()), e);
            }
            listener.progress(at + n, -1, UPLOAD_BYTES_PER_SECOND);
        }
        if (a.failure() != null) {
            throw a.failure();
        }
        return new ExecResult(a.result().exitCode(), "", a.result().stderr());
    }

    @Override
    public String hostKeyFingerprint() {
        return "SHA256:scripted";
    }

    @Override
    public void close() {
        closed = true;
    }
}
