package dev.berth.bundle;

import dev.berth.text.Localized;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the operator's raw answers into {@link ResolvedAnswers}: defaults, generated secrets, each value's rules
 * ({@link AnswerValidator}) and {@code when} ({@link Conditions}). Every problem is reported, each as one sentence.
 */
public final class AnswersResolver {

    private final SecureRandom random;
    private final List<Localized> problems = new ArrayList<>();

    private AnswersResolver(SecureRandom random) {
        this.random = random;
    }

    public static ResolvedAnswers resolve(Bundle bundle, Map<String, Object> rawAnswers) throws AnswersException {
        return resolve(bundle, rawAnswers, new SecureRandom());
    }

    public static ResolvedAnswers resolve(Bundle bundle, Map<String, Object> rawAnswers, SecureRandom random)
            throws AnswersException {
        return new AnswersResolver(random).run(bundle, rawAnswers == null ? Map.of() : rawAnswers);
    }

    private ResolvedAnswers run(Bundle bundle, Map<String, Object> raw) throws AnswersException {
        for (String key : raw.keySet()) {
            if (bundle.parameter(key) == null) {
                problems.add(Localized.of("答案中的 " + key + " 不是此部署包的参数。",
                        key + " is not a parameter of bundle " + bundle.id() + "."));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> hidden = new HashSet<>();
        for (Parameter p : bundle.parameters()) {
            values.put(p.name(), null);
        }
        Conditions conditions = Conditions.of(bundle, raw);
        for (Parameter p : bundle.parameters()) {
            if (!conditions.shown(p)) {
                hidden.add(p.name());
            }
        }
        Set<String> secrets = new LinkedHashSet<>();
        Set<String> generated = new LinkedHashSet<>();
        Set<String> persisted = new LinkedHashSet<>();
        for (Parameter p : bundle.parameters()) {
            if (p.isSecret()) {
                secrets.add(p.name());
            }
            p.fields().stream().filter(Parameter::isSecret).forEach(f -> secrets.add(p.name() + "." + f.name()));
            Object answer = given(raw.get(p.name())) ? raw.get(p.name()) : null;
            boolean isHidden = hidden.contains(p.name());
            Object value;
            if (p.type() == ParamType.LIST) {
                value = resolveList(p, answer, isHidden);
            } else {
                value = resolveScalar(p, p.name(), answer, isHidden, generated);
            }
            values.put(p.name(), value);
            if (answer != null || generated.contains(p.name()) || (!isHidden && isSet(value))) {
                persisted.add(p.name());
            }
        }
        if (!problems.isEmpty()) {
            throw new AnswersException(problems);
        }
        return new ResolvedAnswers(values, secrets, hidden, generated, persisted);
    }

    private static boolean given(Object o) {
        return o != null && !(o instanceof String s && s.isEmpty());
    }

    private static boolean isSet(Object v) {
        return v != null && !(v instanceof String s && s.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private Object resolveList(Parameter p, Object answer, boolean isHidden) {
        if (answer == null) {
            if (!isHidden && p.required() && p.min() != null && p.min() > 0) {
                problems.add(Localized.of(p.name() + " 至少需要 " + p.min() + " 项。",
                        p.name() + " needs at least " + p.min() + " entries; got none."));
            }
            return List.of();
        }
        if (!(answer instanceof List<?> list)) {
            problems.add(Localized.of(p.name() + " 必须是列表。", p.name() + " must be a list of entries."));
            return List.of();
        }
        if (!isHidden && p.min() != null && list.size() < p.min()) {
            problems.add(Localized.of(p.name() + " 至少需要 " + p.min() + " 项，实际只有 " + list.size() + " 项。",
                    p.name() + " needs at least " + p.min() + " entries; got " + list.size() + "."));
        }
        if (p.max() != null && list.size() > p.max()) {
            problems.add(Localized.of(p.name() + " 最多 " + p.max() + " 项，实际有 " + list.size() + " 项。",
                    p.name() + " takes at most " + p.max() + " entries; got " + list.size() + "."));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = p.name() + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                problems.add(Localized.of(at + " 必须是字段映射。", at + " must be a mapping of fields."));
                continue;
            }
            for (Object key : entry.keySet()) {
                if (p.field(String.valueOf(key)) == null) {
                    problems.add(Localized.of(at + " 中的 " + key + " 不是 " + p.name() + " 的字段。",
                            at + "." + key + " is not a field of " + p.name() + "."));
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Parameter f : p.fields()) {
                Object a = ((Map<String, Object>) entry).get(f.name());
                resolved.put(f.name(), resolveScalar(f, at + "." + f.name(), given(a) ? a : null, false,
                        new HashSet<>()));
            }
            entries.add(resolved);
        }
        return entries;
    }

    private Object resolveScalar(Parameter p, String label, Object answer, boolean isHidden, Set<String> generated) {
        Object v = answer != null ? answer : p.defaultValue();
        if (v == null && p.generate() != null && !isHidden) {
            generated.add(label);
            v = p.generate().value(random);
        }
        return AnswerValidator.check(p, label, v, !isHidden, problems);
    }

}
