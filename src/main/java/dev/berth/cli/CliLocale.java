package dev.berth.cli;

import java.util.Locale;

/** The operator's language for CLI output: Chinese when LANG/LC_ALL/LC_MESSAGES or the JVM says zh, else English. */
public final class CliLocale {
    private CliLocale() {}

    public static Locale detect() {
        for (String var : new String[] {"BERTH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
            }
        }
        return "zh".equals(Locale.getDefault().getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
