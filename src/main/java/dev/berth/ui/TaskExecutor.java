package dev.berth.ui;

import java.util.function.Consumer;

/**
 * Where view models run slow engine calls (SSH, probes, deploys). The window runs them on background threads and
 * delivers results on the FX thread; tests of view models run them on the calling thread, no screen needed.
 */
public interface TaskExecutor {

    /** Work that may block and may fail. */
    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    /** Runs {@code work} off the UI thread; exactly one of the callbacks is then called on the UI thread. */
    <T> void run(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs a UI update on the UI thread (from a background callback such as a deploy listener). */
    void ui(Runnable update);

    /** Runs everything at once on the calling thread: for view-model tests. */
    static TaskExecutor direct() {
        return new TaskExecutor() {
            @Override
            public <T> void run(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void ui(Runnable update) {
                update.run();
            }
        };
    }
}
