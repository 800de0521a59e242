package dev.berth.testsupport;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A test's {@link RemoteShell} whose "server" is this machine: commands run as local processes, so there is no host
 * key (it says {@code SHA256:local}) and no link to close. Streaming, uploads and downloads fail unless the
 * shell runs them too.
 */
public interface LocalCommandShell extends RemoteShell {

    @Override
    default int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout)
            throws SshException {
        throw new UnsupportedOperationException();
    }

    @Override
    default ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                              Duration idleTimeout) throws SshException {
        throw new UnsupportedOperationException();
    }

    @Override
    default ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener,
                                Duration idleTimeout) throws SshException {
        throw new UnsupportedOperationException();
    }

    @Override
    default String hostKeyFingerprint() {
        return "SHA256:local";
    }

    @Override
    default void close() {}

    /**
     * What a started process prints, read on two threads from the start so that neither pipe fills and blocks it;
     * {@link #result} once it has exited.
     */
    final class Output {
        private final Process process;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;

        public Output(Process process) {
            this.process = process;
            out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        }

        public ExecResult result() {
            return new ExecResult(process.exitValue(), out.join(), err.join());
        }

        private static String read(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return ""; // the process was killed: what it printed does not matter any more
            }
        }
    }
}
