package dev.berth.ui.settings;

import dev.berth.bundle.AnswersException;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Parameter;
import dev.berth.bundle.Requirements;
import dev.berth.text.Localized;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One field judged by the engine's own resolver, alone: a bundle holding just that parameter (its {@code when}
 * dropped, since the form decides visibility). The form therefore explains a value exactly as a deploy would.
 */
final class FieldChecks {
    private FieldChecks() {}

    static Bundle alone(Bundle b, Parameter p) {
        Parameter bare = new Parameter(p.name(), p.type(), p.group(), p.label(), p.help(), p.defaultValue(), p.required(),
                p.min(), p.max(), p.pattern(), p.message(), p.lengths(), p.choices(), p.generate(), Map.of(), p.fields());
        return new Bundle(b.id(), b.version(), b.name(), b.description(), b.composeFile(), List.of(), List.of(bare),
                List.of(), Requirements.none(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
                List.of(), b.dir(), List.of(), List.of());
    }

    /** The problems of one value (null: not given); empty when it is fine. */
    static List<Localized> problems(Bundle b, Parameter p, Object raw) {
        Map<String, Object> answers = new HashMap<>();
        if (raw != null) {
            answers.put(p.name(), raw);
        }
        try {
            AnswersResolver.resolve(alone(b, p), answers);
            return List.of();
        } catch (AnswersException e) {
            return e.problems();
        }
    }

    /** A fresh value from the parameter's generator (a secret), as the engine makes one. */
    static String generate(Bundle b, Parameter p) {
        try {
            return String.valueOf(AnswersResolver.resolve(alone(b, p), Map.of()).get(p.name()));
        } catch (AnswersException e) {
            return "";
        }
    }
}
