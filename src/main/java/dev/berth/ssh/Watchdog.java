package dev.berth.ssh;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon timer thread shared by every SSH call, used to close channels and sessions that overstay. */
final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-ssh-watchdog");
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
