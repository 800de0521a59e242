package dev.berth.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waits on a shown window without sleeping: polls a condition up to a limit, then lets queued FX events run. */
final class FxWait {
    private FxWait() {}

    static void waitFor(int seconds, Callable<Boolean> condition) {
        waitFor(seconds, condition, () -> "");
    }

    /** Fails with STATE (what the window showed instead) when CONDITION is not met within SECONDS. */
    static void waitFor(int seconds, Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Condition not met within " + seconds + " s " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
