package dev.berth.ui;

import dev.berth.text.Localized;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The window's language: the resource bundle of every fixed string, and the pick between a Localized's zh/en. */
public final class I18n {
    public static final String BUNDLE = "dev.berth.ui.messages";
    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();

    public I18n(Locale initial) {
        locale.set(normalise(initial));
    }

    /** The OS locale, narrowed to the two languages Berth speaks. */
    public static Locale fromOs() {
        for (String var : new String[] {"BERTH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
            }
        }
        return normalise(Locale.getDefault());
    }

    public static Locale normalise(Locale l) {
        return l != null && "zh".equals(l.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale locale() {
        return locale.get();
    }

    public void setLocale(Locale l) {
        locale.set(normalise(l));
    }

    public boolean isChinese() {
        return "zh".equals(locale().getLanguage());
    }

    public ResourceBundle bundle() {
        // Locale.ROOT fallback, never the JVM default: English lives in the base file.
        return ResourceBundle.getBundle(BUNDLE, locale(), ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** A fixed string of the window, with {0}-style arguments. */
    public String get(String key, Object... args) {
        String pattern = bundle().getString(key);
        return new MessageFormat(pattern, locale()).format(args);
    }

    /**
     * A fixed string of the window in both languages, for a view model's sentence that must follow a language switch
     * made after it was set.
     */
    public static Localized both(String key, Object... args) {
        return Localized.of(new I18n(Locale.SIMPLIFIED_CHINESE).get(key, args), new I18n(Locale.ENGLISH).get(key, args));
    }

    /** A sentence from the engine or a bundle, in the window's language. */
    public String t(Localized text) {
        return text == null ? "" : text.in(locale());
    }
}
