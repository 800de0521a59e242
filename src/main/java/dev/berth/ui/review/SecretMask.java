package dev.berth.ui.review;

import dev.berth.bundle.ResolvedAnswers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

    public static String mask(String text, List<String> secrets) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, ResolvedAnswers.MASK);
        }
        return out;
    }
}
