package dev.berth.deploy;

import java.util.Locale;

/**
 * Where the images' upload is: this file's bytes and those of the whole deploy (only what crosses the link), and the
 * rate, so the CLI and the wizard show per image and in total how much is left and for how long.
 */
public record UploadTick(String file, long sent, long total, long allSent, long allTotal, double bytesPerSecond) {

    /** Seconds until the whole upload is done at this rate; -1 while the rate is not known. */
    public long secondsLeft() {
        return bytesPerSecond > 0 ? (long) ((allTotal - allSent) / bytesPerSecond) : -1;
    }

    /** "1:05" or "1:02:03", "-" while unknown. */
    public static String clock(long seconds) {
        if (seconds < 0) {
            return "-";
        }
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
