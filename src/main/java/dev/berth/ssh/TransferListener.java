package dev.berth.ssh;

/** Progress of one upload; called from the uploading thread, at most a few times per second. */
@FunctionalInterface
public interface TransferListener {
    void progress(long bytesSent, long totalBytes, double bytesPerSecond);

    TransferListener NONE = (s, t, r) -> {};
}
