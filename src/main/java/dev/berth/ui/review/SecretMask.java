package dev.berth.ui.review;

import dev.berth.bundle.Format;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.text.DotenvDialect;
import dev.berth.text.Quote;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hides every secret answer inside rendered text, so the Review step can show files without leaking them. */
public final class SecretMask {
    private SecretMask() {}

    /** The secret values of the answers, longest first (a secret that contains another is masked whole). */
    public static List<String> secrets(ResolvedAnswers answers) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : answers.values().entrySet()) {
            if (answers.isSecret(e.getKey()) && e.getValue() instanceof String s && !s.isEmpty()) {
                out.add(s);
            } else if (e.getValue() instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> m) {
                        for (Map.Entry<?, ?> f : m.entrySet()) {
                            if (answers.isSecret(e.getKey() + "." + f.getKey()) && f.getValue() instanceof String s
                                    && !s.isEmpty()) {
                                out.add(s);
                            }
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** The text with every spelling of every secret (see {@link #spellings}) replaced by the mask, longest first. */
    public static String mask(String text, List<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            all.addAll(spellings(s));
        }
        List<String> longestFirst = new ArrayList<>(all);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String s : longestFirst) {
            out = out.replace(s, ResolvedAnswers.MASK);
        }
        return out;
    }

    /**
     * Every way a rendered file can spell this secret: as it is, quoted by each format (.env for each Compose
     * dialect), each quoted form also without its outer quotes, '$' doubled for Compose, and URL-encoded. A value
     * with a quote, '$' or backslash changes spelling, and the Review step must hide each one.
     */
    static Set<String> spellings(String secret) {
        Set<String> out = new LinkedHashSet<>();
        out.add(secret);
        out.add(secret.replace("$", "$$"));
        for (Format f : Format.values()) {
            for (DotenvDialect d : DotenvDialect.values()) {
                try {
                    String quoted = f.quote(secret, d);
                    out.add(quoted);
                    out.add(inner(quoted));
                } catch (Quote.Unquotable e) {
                    // no file can hold that spelling, so nothing to hide
                }
            }
        }
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        out.add(form);
        out.add(form.replace("+", "%20"));
        out.remove("");
        return out;
    }

    private static String inner(String quoted) {
        int n = quoted.length();
        if (n >= 2 && (quoted.charAt(0) == '"' || quoted.charAt(0) == '\'') && quoted.charAt(n - 1) == quoted.charAt(0)) {
            return quoted.substring(1, n - 1);
        }
        return quoted;
    }
}
