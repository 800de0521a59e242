package dev.berth.text;

import java.util.List;
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

    /** Several sentences as one, a line each, in both languages. */
    public static Localized lines(List<Localized> sentences) {
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (Localized s : sentences) {
            if (zh.length() > 0) {
                zh.append('\n');
                en.append('\n');
            }
            zh.append(s.zh());
            en.append(s.en());
        }
        return new Localized(zh.toString(), en.toString());
    }

    public String in(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? zh : en;
    }

    @Override
    public String toString() {
        return en;
    }
}
