package dev.berth.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Background daemon threads for the work, the FX thread for the results. */
public final class FxTaskExecutor implements TaskExecutor {
    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "berth-ui-work-" + count.incrementAndGet());
        t.setDaemon(true); // a deploy keeps running on the server; closing the window must not wait for it
        return t;
    });

    @Override
    public <T> void run(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        pool.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception | Error e) {
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public void ui(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    public void shutdown() {
        pool.shutdownNow();
    }
}
