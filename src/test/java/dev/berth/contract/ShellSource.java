package dev.berth.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a bash reader for the contract tests: the functions a script defines ({@code name() {}) and the
 * {@code berth_event} calls it makes, each split into shell words (quotes and {@code $(...)} kept whole).
 */
final class ShellSource {
    private static final Pattern DEFINITION = Pattern.compile("(?m)^\\s*([A-Za-z_][A-Za-z0-9_]*)\\(\\)\\s*\\{");
    private static final String EVENT_FUNCTION = "berth_event";

    /**
     * One {@code berth_event NAME KEY VALUE...} call.
     *
     * @param function the function it is written in ("" at the top level)
     * @param words    the words after {@code berth_event}, as written (quotes included)
     */
    record EventCall(String function, int line, List<String> words) {
        /** The event name, or null when it is not a literal word. */
        String name() {
            return words.isEmpty() ? null : literal(words.get(0));
        }

        /** The keys (every other word after the name), as written. */
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (int i = 1; i < words.size(); i += 2) {
                keys.add(words.get(i));
            }
            return keys;
        }

        boolean pairsComplete() {
            return words.size() % 2 == 1;
        }
    }

    private final String text;

    ShellSource(String text) {
        this.text = text;
    }

    Set<String> functions() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = DEFINITION.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    List<EventCall> eventCalls() {
        List<EventCall> calls = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String function = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher def = DEFINITION.matcher(lines[i]);
            if (def.lookingAt()) {
                function = def.group(1);
                if (function.equals(EVENT_FUNCTION)) {
                    continue;
                }
            }
            if (lines[i].strip().startsWith("#")) {
                continue;
            }
            int at = indexOfCommand(lines[i]);
            if (at < 0) {
                continue;
            }
            // The call, with its continuation lines joined.
            StringBuilder call = new StringBuilder(lines[i].substring(at + EVENT_FUNCTION.length()));
            int j = i;
            while (call.toString().endsWith("\\") && j + 1 < lines.length) {
                call.setLength(call.length() - 1);
                call.append(' ').append(lines[++j].strip());
            }
            calls.add(new EventCall(function, i + 1, words(call.toString())));
        }
        return calls;
    }

    /** Where {@code berth_event} starts as a command on this line, or -1. */
    private static int indexOfCommand(String line) {
        Matcher m = Pattern.compile("(^|[\\s;&|({])" + EVENT_FUNCTION + "(\\s|$)").matcher(line);
        return m.find() ? m.start() + m.group(1).length() : -1;
    }

    /** The shell words of one command, up to its end ({@code ; && || | ) } or a comment). */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == ';' || c == '&' || c == '|' || c == ')' || c == '}' || c == '#') {
                break;
            }
            int end = wordEnd(s, i);
            words.add(s.substring(i, end));
            i = end;
        }
        return words;
    }

    private static int wordEnd(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|' || c == ')') {
                return i;
            }
            i = skipUnit(s, i);
        }
        return i;
    }

    /** Skips one quoted string, substitution, escaped character or plain character. */
    private static int skipUnit(String s, int i) {
        char c = s.charAt(i);
        if (c == '\\') {
            return Math.min(i + 2, s.length());
        }
        if (c == '\'') {
            int close = s.indexOf('\'', i + 1);
            return close < 0 ? s.length() : close + 1;
        }
        if (c == '"') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != '"') {
                j = s.charAt(j) == '\\' ? j + 2 : s.startsWith("$(", j) ? skipSubstitution(s, j) : j + 1;
            }
            return Math.min(j + 1, s.length());
        }
        if (s.startsWith("$(", i)) {
            return skipSubstitution(s, i);
        }
        return i + 1;
    }

    /** From {@code $(} to its closing parenthesis, quotes and nested substitutions included. */
    private static int skipSubstitution(String s, int i) {
        int depth = 0;
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '(') {
                depth++;
                j++;
            } else if (c == ')') {
                depth--;
                j++;
                if (depth == 0) {
                    return j;
                }
            } else {
                j = skipUnit(s, j);
            }
        }
        return j;
    }

    /** A word without its quotes when it is literal text (no expansion), else null. */
    static String literal(String word) {
        if (word.matches("[A-Za-z0-9_#.-]+")) {
            return word;
        }
        if (word.matches("'[^']*'") || word.matches("\"[^\"$`\\\\]*\"")) {
            return word.substring(1, word.length() - 1);
        }
        return null;
    }
}
