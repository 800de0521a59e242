package dev.berth.bundle;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for {@code when} (docs/bundle-format.md), for parameters, stages, images, probes, endpoints and
 * checks alike. A condition is met when every parameter it names is itself shown (its own {@code when} met; a
 * loop of conditions never is) and its value is one of the listed values. The value is the answer as text,
 * trimmed; no answer (or an empty one) takes the parameter's default, and a bool with neither is false.
 *
 * <p>Built over the answers as given ({@link #of(Bundle, Map)}: the resolver, the wizard) or as resolved
 * ({@link #of(Bundle, ResolvedAnswers)}: rendering, images, checks); both give the same verdict because
 * resolution only adds the defaults and normalises bools.
 */
public final class Conditions {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, ?> answers;

    private Conditions(List<Parameter> params, Map<String, ?> answers) {
        params.forEach(p -> this.params.put(p.name(), p));
        this.answers = answers;
    }

    /** Over the operator's answers by parameter name; a name left out is unanswered. */
    public static Conditions of(Bundle bundle, Map<String, ?> answers) {
        return new Conditions(bundle.parameters(), answers);
    }

    public static Conditions of(Bundle bundle, ResolvedAnswers answers) {
        return of(bundle, answers.values());
    }

    /** True when the parameter's own {@code when} is met: it is shown, asked and required. */
    public boolean shown(Parameter p) {
        Set<String> path = new HashSet<>();
        path.add(p.name());
        return met(p.when(), path);
    }

    /** True when a step's, image's or check's {@code when} is met (an empty one always is). */
    public boolean met(Map<String, List<String>> when) {
        return met(when, new HashSet<>());
    }

    /** {@code path}: the parameters whose conditions are being judged, to stop at a loop. */
    private boolean met(Map<String, List<String>> when, Set<String> path) {
        for (Map.Entry<String, List<String>> e : when.entrySet()) {
            Parameter named = params.get(e.getKey());
            if (named == null || !path.add(named.name())) {
                return false;
            }
            boolean shown = met(named.when(), path);
            path.remove(named.name());
            String v = value(named, answers.get(named.name()));
            if (!shown || v == null || !e.getValue().contains(v)) {
                return false;
            }
        }
        return true;
    }

    /** The text a condition compares: the answer trimmed, else the default, else "false" for a bool. */
    private static String value(Parameter p, Object answer) {
        Object v = answer != null && !(answer instanceof String s && s.isEmpty()) ? answer : p.defaultValue();
        if (v == null) {
            return p.type() == ParamType.BOOL ? "false" : null;
        }
        return String.valueOf(v).trim();
    }
}
