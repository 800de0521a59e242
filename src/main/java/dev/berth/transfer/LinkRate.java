package dev.berth.transfer;

/**
 * What a deploy knows of its link's rate: the probe's figure at first, then at least what each upload managed. A
 * probe made by a cold JVM reads a fast link slow (its cipher is not compiled yet: loopback read 133 MB/s against
 * 800 MB/s), so after the first image the uploads themselves say how fast it is, and images after it are not
 * compressed for a link that outruns the compressor.
 */
public final class LinkRate {
    private double bytesPerSecond;

    /** @param probed the probe's figure, 0 when not measured */
    public LinkRate(double probed) {
        this.bytesPerSecond = probed;
    }

    /** An upload moved {@code bytes} over the link in {@code nanos}: the link is at least that fast. */
    public void observed(long bytes, long nanos) {
        // Short uploads are all round trips and channel set-up: they say little about the rate.
        if (bytesPerSecond > 0 && bytes >= MIN_BYTES && nanos > 0) {
            bytesPerSecond = Math.max(bytesPerSecond, bytes / (nanos / 1e9));
        }
    }

    /** Below this, an upload's own rate is not taken as the link's. */
    static final long MIN_BYTES = 16L << 20;

    /** Bytes per second, 0 when not measured (then nothing is compressed unless the operator asks). */
    public double bytesPerSecond() {
        return bytesPerSecond;
    }
}
