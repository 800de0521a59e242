package dev.berth.target;

import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A RemoteShell that runs each command with {@code bash -c} on this machine: the probe runs for real here. */
class LocalShell implements RemoteShell {
    int execCount;

    @Override
    public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
        execCount++;
        try {
            Process p = new ProcessBuilder("bash", "-c", command.toShell()).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SshException(SshException.Kind.TIMEOUT, Localized.same("timeout"));
            }
            return new ExecResult(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new SshException(SshException.Kind.CHANNEL, Localized.same(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(SshException.Kind.CHANNEL, Localized.same("interrupted"), e);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                             Duration idleTimeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String hostKeyFingerprint() {
        return "SHA256:local";
    }

    @Override
    public void close() {}
}
