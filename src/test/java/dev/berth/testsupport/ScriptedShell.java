package dev.berth.testsupport;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.ssh.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        answers.computeIfAbsent(command.toShell(), c -> new ArrayDeque<>()).addLast(new Answer(result, null));
        return this;
    }

    /** Scripts the next call of {@code command} to fail as a dropped or refused connection does. */
    public ScriptedShell fail(RemoteCommand command, SshException failure) {
        answers.computeIfAbsent(command.toShell(), c -> new ArrayDeque<>()).addLast(new Answer(null, failure));
        return this;
    }

    /** One scripted answer: a result, or the failure the call throws. */
    private record Answer(ExecResult result, SshException failure) {}

    /** Scripts a command that prints {@code stdout} and exits 0. */
    public ScriptedShell answer(RemoteCommand command, String stdout) {
        return answer(command, new ExecResult(0, stdout, ""));
    }

    /** Every command run so far, in order (exec, streamLines and upload alike). */
    public List<RemoteCommand> commands() {
        return List.copyOf(commands);
    }

    public boolean closed() {
        return closed;
    }

    private ExecResult next(RemoteCommand value) throws SshException {
        commands.add(value);
        String command = value.toShell();
        Deque<Answer> queue = answers.get(command);
        if (queue == null || queue.isEmpty()) {
            throw new AssertionError("ScriptedShell has no answer for: " + command + "\nScripted: " + answers.keySet());
        }
        Answer a = queue.size() > 1 ? queue.removeFirst() : queue.peekFirst();
        if (a.failure() != null) {
            throw a.failure();
        }
        return a.result();
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

    @Override
    public String hostKeyFingerprint() {
        return "SHA256:scripted";
    }

    @Override
    public void close() {
        closed = true;
    }
}
