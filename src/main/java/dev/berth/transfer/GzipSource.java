package dev.berth.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A source sent gzip-compressed: {@code docker load} reads gzip itself, so the server stores it as it arrives under
 * the same name. The bytes are the same every time (fixed header, no time stamp, one compression level), so an
 * upload cut short goes on from where it stopped like a raw one; the length is known only by compressing once,
 * which {@link #of} does.
 */
public final class GzipSource implements UploadSource {
    private final UploadSource raw;
    private final long size;

    private GzipSource(UploadSource raw, long size) {
        this.raw = raw;
        this.size = size;
    }

    /** Compresses {@code raw} once to learn the length it will have. */
    public static GzipSource of(UploadSource raw) throws IOException {
        CountingOutputStream count = new CountingOutputStream();
        try (InputStream in = raw.open(0); OutputStream z = gzip(count)) {
            in.transferTo(z);
        }
        return new GzipSource(raw, count.count);
    }

    @Override
    public String name() {
        return raw.name();
    }

    @Override
    public long size() {
        return size;
    }

    /** The uncompressed source. */
    public UploadSource raw() {
        return raw;
    }

    @Override
    public InputStream open(long offset) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (InputStream src = raw.open(0); OutputStream z = gzip(out)) {
                src.transferTo(z);
            } catch (IOException e) {
                // The reader stopped (upload cut short) or the file could not be read: the reader sees the end.
            }
        }, "gzip " + raw.name());
        writer.setDaemon(true);
        writer.start();
        in.skipNBytes(offset);
        return in;
    }

    /** gzip at the fastest level; the JDK writes a fixed header (no name, no time), so the bytes repeat. */
    static OutputStream gzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private static final class CountingOutputStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
