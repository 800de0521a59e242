package dev.berth.bundle;

import java.util.List;
import java.util.Map;

/** Evaluates a step's {@code when} against resolved answers, with the same rule as a parameter's {@code when}. */
final class Conditions {
    private Conditions() {}

    static boolean met(Map<String, List<String>> when, ResolvedAnswers answers) {
        for (Map.Entry<String, List<String>> e : when.entrySet()) {
            if (answers.hidden().contains(e.getKey())) {
                return false;
            }
            Object v = answers.get(e.getKey());
            if (v == null || !e.getValue().contains(String.valueOf(v))) {
                return false;
            }
        }
        return true;
    }
}
