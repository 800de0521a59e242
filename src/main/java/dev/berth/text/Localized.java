package dev.berth.text;

import java.util.Locale;
import java.util.Objects;

/** A sentence the operator reads, in both of Berth's languages. */
public record Localized(String zh, String en) {

    public Localized {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public static Localized of(String zh, String en) {
        return new Localized(zh, en);
    }

    /** Same text in both languages (numbers, names, paths). */
    public static Localized same(String text) {
        return new Localized(text, text);
    }

    public String in(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? zh : en;
    }

    @Override
    public String toString() {
        return en;
    }
}
