package dev.berth.testsupport;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Consumer;

/** A RemoteShell that passes every call on to another; a test overrides the calls it watches or changes. */
public class ForwardingShell implements RemoteShell {
    protected final RemoteShell inner;

    public ForwardingShell(RemoteShell inner) {
        this.inner = inner;
    }

    @Override
    public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
        return inner.exec(command, stdin, timeout);
    }

    @Override
    public int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) throws SshException {
        return inner.streamLines(command, onLine, idleTimeout);
    }

    @Override
    public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                             Duration idleTimeout) throws SshException {
        return inner.upload(data, size, command, listener, idleTimeout);
    }

    @Override
    public ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener,
                               Duration idleTimeout) throws SshException {
        return inner.download(command, sink, listener, idleTimeout);
    }

    @Override
    public String hostKeyFingerprint() {
        return inner.hostKeyFingerprint();
    }

    @Override
    public void close() {
        inner.close();
    }
}
