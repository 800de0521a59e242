package dev.berth.cli;

import dev.berth.deploy.UploadTick;
import java.util.Locale;

/** An upload progress bar on a terminal; a line per quarter when output goes to a file. */
final class UploadProgress {
    private final Output out;
    private String file;
    private int lastQuarter = -1;
    private boolean open;

    UploadProgress(Output out) {
        this.out = out;
    }

    void update(UploadTick tick) {
        String name = tick.file();
        long sent = tick.sent();
        long total = tick.total();
        double rate = tick.bytesPerSecond();
        if (!name.equals(file)) {
            finish();
            file = name;
            lastQuarter = -1;
        }
        double frac = total <= 0 ? 1 : (double) sent / total;
        String eta = rate > 0 ? formatSeconds((total - sent) / rate) : "?";
        String all = tick.allTotal() > total ? out.t(
                String.format(Locale.ROOT, "  全部 %s/%s，剩余 %s", mb(tick.allSent()), mb(tick.allTotal()),
                        UploadTick.clock(tick.secondsLeft())),
                String.format(Locale.ROOT, "  all %s/%s, %s left", mb(tick.allSent()), mb(tick.allTotal()),
                        UploadTick.clock(tick.secondsLeft()))) : "";
        String line = String.format(Locale.ROOT, "%s [%-30s] %3.0f%%  %s/%s  %.1f MB/s  ETA %s%s", name,
                "#".repeat((int) Math.round(frac * 30)), frac * 100, mb(sent), mb(total), rate / 1e6, eta, all);
        if (out.interactive()) {
            out.err().print("\r" + line);
            open = true;
        } else {
            int quarter = (int) Math.floor(frac * 4);
            if (quarter != lastQuarter) {
                lastQuarter = quarter;
                out.err().println(line);
            }
        }
    }

    void finish() {
        if (open) {
            out.err().println();
            open = false;
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + "m" + (t % 60) + "s" : t + "s";
    }
}
