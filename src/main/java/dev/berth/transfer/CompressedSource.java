package dev.berth.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/**
 * A source sent compressed ({@link Codec}); the server stores it as it arrives under the same name. The bytes are
 * the same every time, so an upload cut short goes on from where it stopped like a raw one; the length is known only
 * by compressing once, which {@link #of} does.
 */
public final class CompressedSource implements UploadSource {
    private final UploadSource raw;
    private final Codec codec;
    private final long size;

    private CompressedSource(UploadSource raw, Codec codec, long size) {
        this.raw = raw;
        this.codec = codec;
        this.size = size;
    }

    /** Compresses {@code raw} once to learn the length it will have. */
    public static CompressedSource of(UploadSource raw, Codec codec) throws IOException {
        CountingOutputStream count = new CountingOutputStream();
        try (InputStream in = raw.open(0); OutputStream z = codec.compressor(count)) {
            in.transferTo(z);
        }
        return new CompressedSource(raw, codec, count.count);
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

    public Codec codec() {
        return codec;
    }

    @Override
    public InputStream open(long offset) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (InputStream src = raw.open(0); OutputStream z = codec.compressor(out)) {
                src.transferTo(z);
            } catch (IOException e) {
                // The reader stopped (upload cut short) or the file could not be read: the reader sees the end.
            }
        }, codec.word() + " " + raw.name());
        writer.setDaemon(true);
        writer.start();
        in.skipNBytes(offset);
        return in;
    }
}
