package dev.berth.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.berth.text.Localized;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link RemoteShell} over one JSch session; every call opens its own exec channel, so calls may run side by
 * side. A watchdog closes any channel that outlives its timeout, which unblocks the caller; when even that does not
 * end the call (the link is wedged and JSch's close waits behind a blocked write), the connection is cut.
 */
final class JschShell implements RemoteShell {
    /** Upload write size: 256 KiB measured ~25 % faster than 32 KiB on loopback (scripts/bench-upload.sh). */
    static final int CHUNK = 256 * 1024;
    static final int MAX_OUTPUT = 16 * 1024 * 1024;
    static final long PROGRESS_EVERY_NANOS = 200_000_000L;
    private static final Duration CHANNEL_OPEN = Duration.ofSeconds(30);
    /** How long a timed-out call may take to end after its channel was closed before the connection is cut. */
    static final Duration CUT_AFTER = Duration.ofSeconds(5);

    private final List<Session> chain;
    private final Session session;
    private final String fingerprint;
    private final String shownAs;
    private final TcpLink link;

    /**
     * @param chain the jump hosts' sessions first, the target's session last
     * @param link  the TCP connection under the first session
     */
    JschShell(List<Session> chain, String fingerprint, String shownAs, TcpLink link) {
        this.chain = List.copyOf(chain);
        this.session = chain.get(chain.size() - 1);
        this.fingerprint = fingerprint;
        this.shownAs = shownAs;
        this.link = link;
    }

    /**
     * One call's timeout. Firing (on the watchdog's timer) only marks the call and hands the channel's close to
     * another thread, so a wedged connection never stalls the timer that every other call relies on; if the call
     * has not ended {@link #CUT_AFTER} later, the connection under it is cut.
     */
    private final class Guard {
        private final ChannelExec ch;
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile boolean ended;
        private volatile ScheduledFuture<?> dog;

        Guard(ChannelExec ch) {
            this.ch = ch;
        }

        boolean fired() {
            return fired.get();
        }

        void fire() {
            if (!fired.compareAndSet(false, true)) {
                return;
            }
            Watchdog.offTimer(() -> kill(ch));
            Watchdog.after(CUT_AFTER, () -> {
                if (!ended) {
                    link.cut();
                }
            });
        }

        /** Closes the channel (on a wedged link this waits until the cut), then stops watching. */
        void end() {
            ch.disconnect();
            ended = true;
            ScheduledFuture<?> d = dog;
            if (d != null) {
                d.cancel(false);
            }
        }
    }

    @Override
    public ExecResult exec(RemoteCommand command, byte[] stdin, Duration timeout) throws SshException {
        ChannelSink.Activity activity = new ChannelSink.Activity();
        ChannelSink out = new ChannelSink(MAX_OUTPUT, activity);
        ChannelSink err = new ChannelSink(MAX_OUTPUT, activity);
        ChannelExec ch = newChannel(command, out, err);
        Guard guard = new Guard(ch);
        guard.dog = Watchdog.after(timeout, guard::fire);
        try {
            connect(ch, timeout, guard);
            if (!guard.fired()) {
                try (OutputStream toRemote = ch.getOutputStream()) {
                    if (stdin != null) {
                        toRemote.write(stdin);
                    }
                } catch (IOException e) {
                    // The command exited without reading all of its input; its exit status tells the rest.
                }
                awaitClose(ch, err);
            }
        } finally {
            guard.end();
        }
        if (guard.fired()) {
            throw commandTimeout(command, timeout);
        }
        return finish(ch, out, err);
    }

    /** A command whose stdout is read as it comes, and the watchdog that closes it after a silence of idleTimeout. */
    private record Streamed(ChannelExec ch, InputStream stdout, ChannelSink err, ChannelSink.Activity activity,
                            Guard guard) {}

    private Streamed streamed(RemoteCommand command, int stderrBytes, Duration idleTimeout) throws SshException {
        ChannelSink.Activity activity = new ChannelSink.Activity();
        ChannelSink err = new ChannelSink(stderrBytes, activity);
        ChannelExec ch = newChannel(command, null, err);
        InputStream stdout;
        try {
            stdout = ch.getInputStream();
        } catch (IOException e) {
            throw lost(e);
        }
        Guard guard = new Guard(ch);
        guard.dog = Watchdog.every(checkPeriod(idleTimeout), () -> {
            if (activity.idleNanos() > idleTimeout.toNanos()) {
                guard.fire();
            }
        });
        return new Streamed(ch, stdout, err, activity, guard);
    }

    @Override
    public int streamLines(RemoteCommand command, Consumer<String> onLine, Duration idleTimeout) throws SshException {
        Streamed st = streamed(command, 64 * 1024, idleTimeout);
        ChannelExec ch = st.ch();
        ChannelSink err = st.err();
        ChannelSink.Activity activity = st.activity();
        Guard guard = st.guard();
        InputStream stdout = st.stdout();
        boolean stopped = false;
        try {
            connect(ch, idleTimeout, guard);
            if (!guard.fired()) {
                try {
                    ch.getOutputStream().close();
                } catch (IOException e) {
                    // Nothing to send; a command that is already gone is seen below.
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        activity.touch();
                        onLine.accept(line);
                    }
                } catch (StopStreaming stop) {
                    kill(ch);
                    stopped = true;
                } catch (IOException e) {
                    // The pipe ends when the channel is closed under it; the checks below say why.
                }
                if (!stopped && !guard.fired()) {
                    awaitClose(ch, err);
                }
            }
        } finally {
            guard.end();
        }
        if (stopped) {
            return -1;
        }
        if (guard.fired()) {
            throw new SshException(SshException.Kind.TIMEOUT, Localized.of(
                    shownAs + " 已有 " + SshErrors.seconds(idleTimeout) + " 秒没有输出，Berth 停止了等待。",
                    shownAs + " sent nothing for " + SshErrors.seconds(idleTimeout)
                            + " seconds, so Berth stopped waiting."));
        }
        if (!session.isConnected() && ch.getExitStatus() < 0) {
            throw lost(null);
        }
        return ch.getExitStatus();
    }

    @Override
    public ExecResult upload(InputStream data, long size, RemoteCommand command, TransferListener listener,
                             Duration idleTimeout) throws SshException {
        TransferListener progress = listener == null ? TransferListener.NONE : listener;
        ChannelSink.Activity activity = new ChannelSink.Activity();
        ChannelSink out = new ChannelSink(1024 * 1024, activity);
        ChannelSink err = new ChannelSink(1024 * 1024, activity);
        ChannelExec ch = newChannel(command, out, err);
        Guard guard = new Guard(ch);
        guard.dog = Watchdog.every(checkPeriod(idleTimeout), () -> {
            if (activity.idleNanos() > idleTimeout.toNanos()) {
                guard.fire();
            }
        });
        long sent = 0;
        boolean localEnded = false;
        long start = System.nanoTime();
        try {
            connect(ch, idleTimeout, guard);
            if (guard.fired()) {
                throw uploadTimeout(idleTimeout);
            }
            OutputStream toRemote;
            try {
                toRemote = ch.getOutputStream();
            } catch (IOException e) {
                throw lost(e);
            }
            byte[] buf = new byte[CHUNK];
            long lastReport = start;
            try {
                while (sent < size) {
                    int n;
                    try {
                        n = data.read(buf, 0, (int) Math.min(buf.length, size - sent));
                    } catch (IOException e) {
                        kill(ch);
                        throw localReadFailed(e);
                    }
                    if (n < 0) {
                        localEnded = true;
                        break;
                    }
                    toRemote.write(buf, 0, n);
                    sent += n;
                    activity.touch();
                    long now = System.nanoTime();
                    if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                        lastReport = now;
                        progress.progress(sent, size, rate(sent, now - start));
                    }
                }
                if (localEnded) {
                    kill(ch);
                } else {
                    toRemote.close(); // end of input: the remote command finishes and exits
                }
            } catch (IOException e) {
                // The remote command stopped reading (it exited or the channel was closed): its result, the
                // timeout or the lost connection is reported below.
            }
            if (!localEnded) {
                awaitClose(ch, err);
            }
        } finally {
            guard.end();
        }
        progress.progress(sent, size, rate(sent, System.nanoTime() - start));
        if (guard.fired()) {
            throw uploadTimeout(idleTimeout);
        }
        if (localEnded) {
            throw new SshException(SshException.Kind.CHANNEL, Localized.of(
                    "本地数据在 " + sent + " 字节处提前结束（应为 " + size + " 字节），上传没有完成。",
                    "The local data ended after " + sent + " of " + size
                            + " bytes, so the upload did not complete."));
        }
        return finish(ch, out, err);
    }

    /**
     * Reads the channel's stdout on the caller's thread (as {@link #streamLines} does) and writes it on into the
     * sink, so a sink that fails is seen here, never on JSch's session thread.
     */
    @Override
    public ExecResult download(RemoteCommand command, OutputStream sink, TransferListener listener,
                               Duration idleTimeout) throws SshException {
        TransferListener progress = listener == null ? TransferListener.NONE : listener;
        Streamed st = streamed(command, 1024 * 1024, idleTimeout);
        ChannelExec ch = st.ch();
        ChannelSink err = st.err();
        ChannelSink.Activity activity = st.activity();
        Guard guard = st.guard();
        InputStream stdout = st.stdout();
        long received = 0;
        IOException sinkFailed = null;
        long start = System.nanoTime();
        try {
            connect(ch, idleTimeout, guard);
            if (!guard.fired()) {
                try {
                    ch.getOutputStream().close(); // nothing to send: a command reading stdin sees its end at once
                } catch (IOException e) {
                    // A command that is already gone is seen below.
                }
                byte[] buf = new byte[CHUNK];
                long lastReport = start;
                try {
                    for (int n; (n = stdout.read(buf)) >= 0; ) {
                        activity.touch();
                        try {
                            sink.write(buf, 0, n);
                        } catch (IOException e) {
                            sinkFailed = e;
                            // JSch's session thread may be waiting for room in the full pipe, and the signal below
                            // waits for a reply only that thread can read: closing the pipe frees it first.
                            closeQuietly(stdout);
                            kill(ch);
                            break;
                        }
                        received += n;
                        long now = System.nanoTime();
                        if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                            lastReport = now;
                            progress.progress(received, -1, rate(received, now - start));
                        }
                    }
                } catch (IOException e) {
                    // The pipe ends when the channel is closed under it; the checks below say why.
                }
                if (sinkFailed == null && !guard.fired()) {
                    awaitClose(ch, err);
                }
            }
        } finally {
            guard.end();
        }
        progress.progress(received, -1, rate(received, System.nanoTime() - start));
        if (guard.fired()) {
            throw new SshException(SshException.Kind.TIMEOUT, Localized.of(
                    "从 " + shownAs + " 的下载已有 " + SshErrors.seconds(idleTimeout) + " 秒没有进展，Berth 停止了下载。",
                    "The download from " + shownAs + " made no progress for " + SshErrors.seconds(idleTimeout)
                            + " seconds, so Berth stopped it."));
        }
        if (sinkFailed != null) {
            throw new SshException(SshException.Kind.CHANNEL, Localized.of(
                    "Berth 无法保存从 " + shownAs + " 下载的数据，下载已停止：" + sinkFailed.getMessage(),
                    "Berth could not keep the data downloaded from " + shownAs + ", so the download stopped: "
                            + sinkFailed.getMessage()), sinkFailed);
        }
        int exit = ch.getExitStatus();
        if (exit < 0) {
            // Without an exit status nobody can say the output was whole: a dropped link, or the command was killed.
            throw session.isConnected() ? new SshException(SshException.Kind.CHANNEL, Localized.of(
                    shownAs + " 上的命令 " + command.program() + " 没有正常结束，下载不完整。",
                    "The command " + command.program() + " on " + shownAs
                            + " did not end normally, so the download is incomplete.")) : lost(null);
        }
        return new ExecResult(exit, "", err.text());
    }

    @Override
    public String hostKeyFingerprint() {
        return fingerprint;
    }

    @Override
    public void close() {
        closeChain(chain, link);
    }

    /** Says goodbye to each hop, last first; when that hangs on a wedged link, cuts it after {@link #CUT_AFTER}. */
    static void closeChain(List<Session> chain, TcpLink link) {
        List<Session> hops = List.copyOf(chain);
        CountDownLatch done = new CountDownLatch(1);
        Watchdog.offTimer(() -> {
            for (int i = hops.size() - 1; i >= 0; i--) {
                hops.get(i).disconnect();
            }
            done.countDown();
        });
        try {
            if (!done.await(CUT_AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
                link.cut();
            }
        } catch (InterruptedException e) {
            link.cut();
            Thread.currentThread().interrupt();
        }
    }

    private ChannelExec newChannel(RemoteCommand command, OutputStream out, ChannelSink err) throws SshException {
        ChannelExec ch;
        try {
            ch = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw lost(e);
        }
        ch.setCommand(command.toShell());
        if (out != null) {
            ch.setOutputStream(out, false);
        }
        ch.setExtOutputStream(err, false);
        return ch;
    }

    /**
     * Opens the channel within the call's own time (JSch waits for the server's confirmation up to the given
     * milliseconds). When the call's timeout fires meanwhile, returns and leaves the report to the caller.
     */
    private void connect(ChannelExec ch, Duration within, Guard guard) throws SshException {
        long ms = Math.max(1, Math.min(CHANNEL_OPEN.toMillis(), within.toMillis()));
        long start = System.nanoTime();
        try {
            ch.connect((int) ms);
        } catch (JSchException e) {
            if (guard.fired()) {
                return;
            }
            if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(ms)) {
                guard.fire();
                if (ms == within.toMillis()) {
                    return; // the call's whole time went into opening: the caller reports its own timeout
                }
                throw new SshException(SshException.Kind.TIMEOUT, Localized.of(
                        shownAs + " 在 " + SshErrors.seconds(Duration.ofMillis(ms)) + " 秒内没有打开新的会话通道，Berth 停止了等待。",
                        shownAs + " did not open a session channel within " + SshErrors.seconds(Duration.ofMillis(ms))
                                + " seconds, so Berth stopped waiting."), e);
            }
            if (!session.isConnected()) {
                throw lost(e);
            }
            throw new SshException(SshException.Kind.CHANNEL, Localized.of(
                    shownAs + " 拒绝打开新的会话通道（可能超过了 sshd 的 MaxSessions），请稍后重试。",
                    shownAs + " refused to open another session channel (sshd's MaxSessions may be reached);"
                            + " try again shortly."), e);
        }
    }

    /** Waits until JSch has seen the channel close (the exit status comes before it), or the session died. */
    private void awaitClose(ChannelExec ch, ChannelSink err) throws SshException {
        try {
            while (!err.awaitClosed(250)) {
                if (!session.isConnected()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            kill(ch);
            Thread.currentThread().interrupt();
            throw new SshException(SshException.Kind.CHANNEL, Localized.of(
                    "等待 " + shownAs + " 上的命令时被中断。",
                    "Waiting for a command on " + shownAs + " was interrupted."), e);
        }
    }

    private ExecResult finish(ChannelExec ch, ChannelSink out, ChannelSink err) throws SshException {
        int exit = ch.getExitStatus();
        if (exit < 0 && !session.isConnected()) {
            throw lost(null);
        }
        return new ExecResult(exit, out.text(), err.text());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Only read from; closing is what matters.
        }
    }

    /** Stops the remote command and closes its channel; may block on a wedged link, so never on the timer. */
    private static void kill(ChannelExec ch) {
        if (ch.isConnected()) { // a channel still opening has no number on the server yet: a signal would be a protocol error
            try {
                ch.sendSignal("TERM");
            } catch (Exception e) {
                // Old servers ignore signal requests; closing the channel is what matters.
            }
        }
        ch.disconnect();
    }

    private SshException uploadTimeout(Duration idleTimeout) {
        return new SshException(SshException.Kind.TIMEOUT, Localized.of(
                "向 " + shownAs + " 的上传已有 " + SshErrors.seconds(idleTimeout) + " 秒没有进展，Berth 停止了上传。",
                "The upload to " + shownAs + " made no progress for " + SshErrors.seconds(idleTimeout)
                        + " seconds, so Berth stopped it."));
    }

    private static Duration checkPeriod(Duration idle) {
        long ms = Math.max(50, Math.min(1000, idle.toMillis() / 10));
        return Duration.ofMillis(ms);
    }

    private static double rate(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
    }

    private SshException commandTimeout(RemoteCommand command, Duration timeout) {
        String program = command.program();
        return new SshException(SshException.Kind.TIMEOUT, Localized.of(
                shownAs + " 上的命令 " + program + " 在 " + SshErrors.seconds(timeout) + " 秒内没有结束，Berth 已将其停止。",
                "The command " + program + " on " + shownAs + " did not finish within "
                        + SshErrors.seconds(timeout) + " seconds, so Berth stopped it."));
    }

    private SshException lost(Exception cause) {
        return new SshException(SshException.Kind.CHANNEL, Localized.of(
                "与 " + shownAs + " 的连接已断开。", "The connection to " + shownAs + " was lost."), cause);
    }

    private SshException localReadFailed(IOException e) {
        return new SshException(SshException.Kind.CHANNEL, Localized.of(
                "读取要上传的本地数据时出错，上传已停止。",
                "Berth could not read the local data to upload, so the upload stopped."), e);
    }
}
