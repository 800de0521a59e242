package dev.berth.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where JSch's session thread drops a channel's output. It never blocks that thread (so one slow reader cannot
 * stall every channel of the connection), keeps at most {@code cap} bytes, and records the last time data
 * arrived. JSch closes a channel's stderr stream when the channel closes, which makes {@link #awaitClosed} the
 * signal that the exit status is in.
 */
final class ChannelSink extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int cap;
    private final Activity activity;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean truncated;

    ChannelSink(int cap, Activity activity) {
        this.cap = cap;
        this.activity = activity;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        activity.touch();
        int room = cap - bytes.size();
        if (len > room) {
            truncated = true;
        }
        if (room > 0) {
            bytes.write(b, off, Math.min(room, len));
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }

    boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    synchronized String text() {
        String s = bytes.toString(StandardCharsets.UTF_8);
        return truncated ? s + "\n[output cut at " + cap + " bytes]" : s;
    }

    /** The last time anything moved on a channel, in either direction. */
    static final class Activity {
        private volatile long last = System.nanoTime();

        void touch() {
            last = System.nanoTime();
        }

        long idleNanos() {
            return System.nanoTime() - last;
        }
    }
}
