package dev.berth.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Whether an image goes compressed: only when that is faster on this link. Sent through a pipe, compressed data
 * takes the longer of compressing it and sending the smaller result, so compressing wins only when the compressor
 * outruns the link and the data shrinks — on a VPN (and with zstd on most LANs), not on loopback, and not for layers
 * that are compressed already. {@code BERTH_COMPRESS=always|never} overrides the choice (documented in the README).
 */
public final class Compression {
    /** How much of a source is compressed to judge it: enough to time, little enough to cost nothing. */
    static final int SAMPLE = 8 * 1024 * 1024;

    public enum Mode { AUTO, ALWAYS, NEVER }

    private Compression() {}

    /** The operator's override, AUTO when unset or unknown. */
    public static Mode mode() {
        String v = System.getProperty("berth.compress", System.getenv().getOrDefault("BERTH_COMPRESS", "auto"));
        try {
            return Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Mode.AUTO;
        }
    }

    /**
     * Whether sending compressed is faster than sending raw. Compressed, the source is compressed once beforehand
     * (its length must be known before the first byte goes) and then again while the smaller result is sent, which
     * takes the longer of the two; raw, it only crosses the link.
     *
     * @param compressorBytesPerSecond input bytes the compressor takes per second
     * @param linkBytesPerSecond       bytes the link carries per second
     * @param ratio                    compressed size / size, from a sample
     */
    public static boolean pays(double compressorBytesPerSecond, double linkBytesPerSecond, double ratio) {
        double compress = 1 / compressorBytesPerSecond;
        double compressed = compress + Math.max(compress, ratio / linkBytesPerSecond);
        double raw = 1 / linkBytesPerSecond;
        // Margins: a sample's ratio and a few seconds' rates are estimates; a near tie goes raw.
        return ratio < 0.9 && compressed < 0.8 * raw;
    }

    /** What a sample of the source says: the compressor's rate and the ratio. */
    public record Sample(double bytesPerSecond, double ratio) {}

    /** Compresses the first {@link #SAMPLE} bytes of {@code source} with {@code codec} and times it, reading included. */
    public static Sample sample(UploadSource source, Codec codec) throws IOException {
        CountingOutputStream out = new CountingOutputStream();
        long read;
        long start = System.nanoTime();
        // Streamed, not read into arrays: a sample per image would otherwise be 24 MiB of garbage each.
        try (InputStream in = source.open(0); OutputStream z = codec.compressor(out)) {
            read = new BoundedInputStream(in, SAMPLE).transferTo(z);
        }
        if (read == 0) {
            return new Sample(Double.MAX_VALUE, 1);
        }
        double seconds = Math.max(1e-6, (System.nanoTime() - start) / 1e9);
        return new Sample(read / seconds, (double) out.count / read);
    }

    /**
     * How {@code raw} goes on a link of {@code link} bytes per second (0: not measured, so raw unless ALWAYS).
     *
     * @param codec what the server can undo ({@link Codec#forServer})
     * @return the source to send and the sample that decided it (null when none was taken)
     */
    public static Choice choose(UploadSource raw, Mode mode, double link, Codec codec) throws IOException {
        if (mode == Mode.NEVER || mode == Mode.AUTO && link <= 0) {
            return new Choice(raw, null);
        }
        Sample sample = sample(raw, codec);
        if (mode == Mode.AUTO && !pays(sample.bytesPerSecond(), link, sample.ratio())) {
            return new Choice(raw, sample);
        }
        return new Choice(CompressedSource.of(raw, codec), sample);
    }

    /** What goes, and what it was decided on. */
    public record Choice(UploadSource source, Sample sample) {
        public boolean compressed() {
            return source instanceof CompressedSource;
        }
    }
}
