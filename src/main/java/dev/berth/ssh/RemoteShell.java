package dev.berth.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One authenticated SSH connection to a target; every call opens its own channel on it. Every call has a
 * timeout, after which the channel is closed and {@link SshException.Kind#TIMEOUT} is thrown: a hung server never
 * hangs Berth. Commands are {@link RemoteCommand} values (built without I/O, tested by equality); the one place
 * they become a shell line is {@link RemoteCommand#toShell()}, where every word is quoted.
 */
public interface RemoteShell extends AutoCloseable {

    /** Runs a command, feeding {@code stdin} (may be null), and collects its output. */
    ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException;

    default ExecResult exec(RemoteCommand command, Duration timeout) throws SshException {
        return exec(command, null, timeout);
    }

    /**
     * Runs a command and hands each stdout line to {@code onLine} as it arrives. Ends when the command exits, or
     * when {@code onLine} asks to stop by throwing {@link StopStreaming}. {@code idleTimeout} bounds the wait for
     * the next line.
     *
     * @return the exit code, or -1 when stopped by the consumer
     */
    int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) throws SshException;

    /**
     * Streams {@code size} bytes from {@code data} into a remote command's stdin (typically {@code cat > file}),
     * never holding more than a buffer in memory.
     *
     * @return the result of the remote command after its stdin was closed
     */
    ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener, Duration idleTimeout)
            throws SshException;

    /**
     * Runs a command and streams its stdout into {@code sink} as it arrives (typically a file on the laptop), never
     * holding more than a buffer in memory. {@code idleTimeout} bounds a silence: no byte for that long and the
     * channel is closed and {@link SshException.Kind#TIMEOUT} thrown. A {@code sink} that fails to take a write stops
     * the command and is reported as a {@link SshException.Kind#CHANNEL} failure with the write's exception as cause.
     *
     * <p>The listener is told the bytes received so far, at most a few times a second and once at the end; the total
     * it is given is -1, since only the caller knows how long the output will be (a caller that does wraps it).
     *
     * @return the command's exit code and stderr; its stdout is empty (it went to {@code sink})
     */
    ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener, Duration idleTimeout)
            throws SshException;

    /** The host key fingerprint of this connection ("SHA256:..."). */
    String hostKeyFingerprint();

    @Override
    void close();

    /** Thrown by a line consumer to end a stream early (a follower that saw the job's last event). */
    final class StopStreaming extends RuntimeException {
        public StopStreaming() {
            super(null, null, false, false);
        }
    }
}
