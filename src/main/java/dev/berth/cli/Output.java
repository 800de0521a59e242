package dev.berth.cli;

import dev.berth.text.Localized;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Where the CLI writes, in the operator's language. Results go to stdout, progress and problems to stderr. */
public final class Output {
    private static Output current = new Output(System.out, System.err, Locale.ENGLISH, false);

    private final PrintStream out;
    private final PrintStream err;
    private final Locale locale;
    private final boolean interactive;

    public Output(PrintStream out, PrintStream err, Locale locale, boolean interactive) {
        this.out = out;
        this.err = err;
        this.locale = locale;
        this.interactive = interactive;
    }

    public static Output get() {
        return current;
    }

    static void set(Output o) {
        current = o;
    }

    static PrintStream utf8(java.io.OutputStream s) {
        return new PrintStream(s, true, StandardCharsets.UTF_8);
    }

    /** Chinese when BERTH_LANG, LC_ALL, LC_MESSAGES or LANG (first set wins) starts with zh, else English. */
    public static Locale detectLocale() {
        for (String var : new String[] {"BERTH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
            }
        }
        return "zh".equals(Locale.getDefault().getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    public boolean interactive() {
        return interactive;
    }

    public String t(Localized text) {
        return text.in(locale);
    }

    public String t(String zh, String en) {
        return Localized.of(zh, en).in(locale);
    }

    public void result(String line) {
        out.println(line);
    }

    public void info(Localized text) {
        err.println(t(text));
    }

    public void info(String zh, String en) {
        err.println(t(zh, en));
    }

    public void problem(Localized text) {
        err.println(t(Localized.of("错误：", "Error: ")) + t(text));
    }

    public PrintStream err() {
        return err;
    }

    public PrintStream out() {
        return out;
    }
}
