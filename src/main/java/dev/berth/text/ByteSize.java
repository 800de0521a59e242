package dev.berth.text;

import java.util.Locale;

/** Sizes as the operator reads them everywhere in Berth: "12.3 GB" (1024-based, one decimal). */
public final class ByteSize {
    private ByteSize() {}

    public static String of(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
