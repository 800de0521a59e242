package dev.berth.bundle;

import dev.berth.text.Localized;

/** One thing wrong with a bundle: the file (relative to the bundle folder), the line (0 = whole file), what. */
public record BundleProblem(String file, int line, Localized what) {

    /** {@code bundle.yaml:12: what is wrong}, in the given text. */
    public String format(String text) {
        return line > 0 ? file + ":" + line + ": " + text : file + ": " + text;
    }

    public Localized message() {
        return new Localized(format(what.zh()), format(what.en()));
    }

    @Override
    public String toString() {
        return format(what.en());
    }
}
