package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a bundle's {@code .env} gives Compose, for a stack that {@code docker stack deploy} reads without one:
 * the template rendered unquoted and read back as {@code NAME=VALUE} lines.
 */
final class ComposeEnvironment {
    /** Stands for a line break inside a value while the template renders, so the line that holds it can be named. */
    private static final String BREAK = "\u0000berth-line-break\u0000";

    private ComposeEnvironment() {}

    /** The release path of the {@code .env} beside the compose file, which Compose reads for its project. */
    static String templateBeside(String composeFile) {
        int slash = composeFile.lastIndexOf('/');
        return slash < 0 ? ".env" : composeFile.substring(0, slash + 1) + ".env";
    }

    /** The answers with every line break in a value replaced by a marker (list entries included). */
    static Map<String, Object> markLineBreaks(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, marked(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object marked(Object v) {
        if (v instanceof String s) {
            return s.replace("\r\n", BREAK).replace("\n", BREAK).replace("\r", BREAK);
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object entry : list) {
                copy.add(entry instanceof Map<?, ?> m ? markLineBreaks((Map<String, Object>) m) : marked(entry));
            }
            return copy;
        }
        return v;
    }

    /**
     * {@code NAME=VALUE} lines, blanks and {@code #} comments skipped, each value exactly what follows the first
     * {@code =}; a later line for a name wins, as in Compose.
     *
     * @param where the template, for the sentence
     * @throws RenderException when a value holds a line break: a stack file could carry it, but not as the one line
     *                         the single-server {@code .env} gives it, and the two must mean the same
     */
    static Map<String, String> parse(String rendered, String where) throws RenderException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : rendered.split("\n", -1)) {
            String l = line.stripLeading();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue; // a bare NAME takes the shell's value in Compose; the deploy job has no such shell
            }
            String name = l.substring(0, eq).strip();
            String value = l.substring(eq + 1);
            if (value.contains(BREAK) || name.contains(BREAK)) {
                throw new RenderException(Localized.of(
                        where + " 中 " + name + " 的值含有换行：Swarm 栈无法安全地携带它，请修改。",
                        "The value of " + name + " in " + where + " holds a line break, which a Swarm stack cannot carry"
                                + " safely; please change it."), null);
            }
            env.put(name, value);
        }
        return env;
    }
}
