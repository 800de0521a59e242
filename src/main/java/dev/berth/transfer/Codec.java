package dev.berth.transfer;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import com.github.luben.zstd.util.Native;
import dev.berth.target.Facts;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * How an image is compressed on the way. Both give the same bytes for the same input every time (no time stamps,
 * one level, one thread, independent of how the input is split), so an upload cut short goes on from where it
 * stopped. The server stores the file under its own name either way: {@code docker load} reads gzip itself, and the
 * deploy job runs a zstd file through the server's {@code zstd -d} (it recognises the frame's magic number).
 */
public enum Codec {
    /** What every server can take. */
    GZIP("gzip"),
    /** Four times gzip's speed on the laptop and a smaller result; needs {@code zstd} on the server. */
    ZSTD("zstd");

    /** zstd's default level: 320 MB/s on one core here, 0.31 of Debian's libraries (gzip -1: 125 MB/s, 0.35). */
    private static final int ZSTD_LEVEL = 3;

    private final String word;

    Codec(String word) {
        this.word = word;
    }

    /** The tool's name, as the operator reads it in the journal. */
    public String word() {
        return word;
    }

    /** zstd when the server can undo it and this laptop can load the library's native code; gzip otherwise. */
    public static Codec forServer(Facts.Tools tools) {
        return tools != null && tools.has("zstd") && zstdWorksHere() ? ZSTD : GZIP;
    }

    /**
     * Whether zstd-jni's native code loads on this laptop (it unpacks itself into the temp folder; a locked-down
     * one, or an OS the jar has no build for, leaves gzip).
     */
    public static boolean zstdWorksHere() {
        return ZstdHere.WORKS;
    }

    private static final class ZstdHere {
        static final boolean WORKS = load();

        private static boolean load() {
            try {
                Native.load();
                return Native.isLoaded();
            } catch (Throwable e) {
                // UnsatisfiedLinkError, SecurityException, or a missing class: any of them means gzip.
                return false;
            }
        }
    }

    /** A stream that compresses into {@code out}; closing it finishes the frame and closes {@code out}. */
    public OutputStream compressor(OutputStream out) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            case ZSTD -> new ZstdOutputStreamNoFinalizer(out, ZSTD_LEVEL);
        };
    }
}
