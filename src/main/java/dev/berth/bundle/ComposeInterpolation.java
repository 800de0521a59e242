package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.text.Localized;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Compose does to a compose file's values with {@code .env} and {@code docker stack deploy} does not (it reads
 * no {@code .env}): {@code ${NAME}}, {@code $NAME}, the {@code :-}, {@code -}, {@code :?}, {@code ?}, {@code :+} and
 * {@code +} forms and {@code $$}, with compose-go's rules (a {@code $} before anything else stays as it is). It works on
 * the parsed tree, never on the text, so a value can never break the YAML around it.
 */
final class ComposeInterpolation {
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_A-Za-z0-9]*");

    private ComposeInterpolation() {}

    /** A {@code ${…}} that is not one of the forms, or a required variable without a value. */
    static final class Failure extends Exception {
        private final transient Localized sentence;

        Failure(Localized sentence) {
            super(sentence.en());
            this.sentence = sentence;
        }

        Localized sentence() {
            return sentence;
        }
    }

    /**
     * Every string value of the tree interpolated in place (keys are not, as Compose leaves them).
     *
     * @param unset collects each name used bare ({@code ${NAME}}, {@code $NAME}) that the environment does not set
     * @throws RenderException naming the service (or top-level key) and the key that holds the value
     */
    static void interpolateTree(ObjectNode root, Map<String, String> environment, Set<String> unset)
            throws RenderException {
        walk(root, "", environment, unset);
    }

    private static void walk(JsonNode node, String path, Map<String, String> env, Set<String> unset)
            throws RenderException {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(value(e.getValue().asText(), at, env, unset)));
                } else {
                    walk(e.getValue(), at, env, unset);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String at = path + "[" + i + "]";
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(value(a.get(i).asText(), at, env, unset)));
                } else {
                    walk(a.get(i), at, env, unset);
                }
            }
        }
    }

    private static String value(String text, String path, Map<String, String> env, Set<String> unset)
            throws RenderException {
        try {
            return interpolate(text, env, unset);
        } catch (Failure f) {
            String where = where(path);
            throw new RenderException(Localized.of(where + "：" + f.sentence().zh(), where + ": " + f.sentence().en()),
                    f);
        }
    }

    /** {@code services.web.environment.X} → {@code service web, environment.X}; a top-level path as it is. */
    static String where(String path) {
        if (path.startsWith("services.")) {
            String rest = path.substring("services.".length());
            int dot = rest.indexOf('.');
            return dot < 0 ? "service " + rest : "service " + rest.substring(0, dot) + ", " + rest.substring(dot + 1);
        }
        return path;
    }

    /** One string as Compose reads it. */
    static String interpolate(String text, Map<String, String> env, Set<String> unset) throws Failure {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    throw invalid();
                }
                out.append(braced(text.substring(i + 2, close), env, unset));
                i = close + 1;
            } else if (next == '_' || Character.isLetter(next) && next < 128) {
                int end = i + 2;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                out.append(lookup(text.substring(i + 1, end), env, unset));
                i = end;
            } else {
                out.append(c); // compose-go leaves a '$' before anything else as it is
                i++;
            }
        }
        return out.toString();
    }

    /** The '}' that closes the '${' before {@code from}, counting nested '${…}' (a default may hold one). */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                i++;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static String braced(String inner, Map<String, String> env, Set<String> unset)
            throws Failure {
        int end = 0;
        while (end < inner.length() && isNameChar(inner.charAt(end))) {
            end++;
        }
        String name = inner.substring(0, end);
        if (!NAME.matcher(name).matches()) {
            throw invalid();
        }
        if (end == inner.length()) {
            return lookup(name, env, unset);
        }
        boolean colon = inner.charAt(end) == ':';
        int op = colon ? end + 1 : end;
        if (op >= inner.length()) {
            throw invalid();
        }
        char kind = inner.charAt(op);
        String arg = inner.substring(op + 1);
        String value = env.get(name);
        // With the colon an empty value counts as unset, as in the shell.
        boolean set = value != null && !(colon && value.isEmpty());
        return switch (kind) {
            case '-' -> set ? value : interpolate(arg, env, unset);
            case '+' -> set ? interpolate(arg, env, unset) : "";
            case '?' -> {
                if (!set) {
                    throw new Failure(Localized.of("必需的变量 " + name + " 没有值：" + arg,
                            "required variable " + name + " is missing a value: " + arg));
                }
                yield value;
            }
            default -> throw invalid();
        };
    }

    private static String lookup(String name, Map<String, String> env, Set<String> unset) {
        String v = env.get(name);
        if (v == null) {
            unset.add(name);
            return "";
        }
        return v;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c < 128 && Character.isLetterOrDigit(c);
    }

    // The value itself is not shown: it may hold a secret another variable put there.
    private static Failure invalid() {
        return new Failure(Localized.of("无效的插值格式（${…} 中应为变量名，可带 :-、-、:?、?、:+ 或 +）。",
                "invalid interpolation format (${…} must hold a variable name, optionally with :-, -, :?, ?, :+ or +)."));
    }

    /**
     * Every '$' of every string value written as '$$': {@code docker stack deploy} interpolates the file once more,
     * and what Compose has already substituted must reach the container as it is.
     */
    static void escapeDollars(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(e.getValue().asText().replace("$", "$$")));
                } else {
                    escapeDollars(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(a.get(i).asText().replace("$", "$$")));
                } else {
                    escapeDollars(a.get(i));
                }
            }
        }
    }
}
