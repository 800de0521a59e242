package dev.berth.preflight;

import java.util.Locale;

/** Number formatting for messages. */
final class Units {
    private Units() {}

    static final double KIB_PER_GIB = 1024.0 * 1024.0;

    static String gib(double gib) {
        return String.format(Locale.ROOT, gib >= 10 ? "%.0f GiB" : "%.1f GiB", gib);
    }

    static String gibFromKib(long kib) {
        return gib(kib / KIB_PER_GIB);
    }

    static String gibFromBytes(long bytes) {
        return gib(bytes / (KIB_PER_GIB * 1024.0));
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
