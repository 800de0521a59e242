package dev.berth.target;

import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.SshException;
import dev.berth.testsupport.LocalCommandShell;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A RemoteShell that runs each command with {@code bash -c} on this machine: the probe runs for real here. */
class LocalShell implements LocalCommandShell {
    int execCount;

    @Override
    public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
        execCount++;
        try {
            Process p = new ProcessBuilder("bash", "-c", command.toShell()).start();
            LocalCommandShell.Output output = new LocalCommandShell.Output(p);
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SshException(SshException.Kind.TIMEOUT, Localized.same("timeout"));
            }
            return output.result();
        } catch (IOException e) {
            throw new SshException(SshException.Kind.CHANNEL, Localized.same(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(SshException.Kind.CHANNEL, Localized.same("interrupted"), e);
        }
    }
}
