package dev.berth.ssh;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer thread shared by every SSH call, used to notice calls and handshakes that overstay. The timer
 * itself never closes anything: closing a channel or session of a wedged connection can block inside JSch, so that
 * work goes to {@link #offTimer} threads, and the timer stays free for every other connection's timeouts.
 */
final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-ssh-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final ExecutorService CLOSERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "berth-ssh-closer");
        t.setDaemon(true);
        return t;
    });

    private Watchdog() {}

    static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(guard(action), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    static ScheduledFuture<?> every(Duration period, Runnable action) {
        long ms = Math.max(10, period.toMillis());
        return TIMER.scheduleAtFixedRate(guard(action), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs work that may block (closing a channel, a session) on its own thread, never on the timer's. */
    static void offTimer(Runnable action) {
        CLOSERS.execute(guard(action));
    }

    private static Runnable guard(Runnable action) {
        return () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                // A failing action must not kill the shared timer thread.
            }
        };
    }
}
