package dev.berth.cli;

import dev.berth.bundle.AnswersException;
import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Parameter;
import dev.berth.bundle.ParamType;
import dev.berth.bundle.Requirements;
import dev.berth.bundle.ResolvedAnswers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The operator's answers file, read and checked against the bundle. */
final class AnswersOptions {
    @Option(names = "--answers", descriptionKey = "answers", paramLabel = "FILE")
    Path answers;

    Map<String, Object> raw() throws AnswersException {
        return answers == null ? Map.of() : AnswersFile.read(answers);
    }

    ResolvedAnswers resolve(Bundle bundle) throws AnswersException {
        return AnswersResolver.resolve(bundle, raw());
    }

    /** What preflight judges: the requirements that apply to these answers and the host ports they choose. */
    record PreflightInput(Requirements requirements, Map<String, Integer> ports) {}

    /**
     * From the answers when they resolve; without an answers file, from the bundle's defaults (a check may run
     * before the operator has answered everything).
     */
    PreflightInput preflightInput(Bundle bundle) throws AnswersException {
        try {
            ResolvedAnswers resolved = resolve(bundle);
            return new PreflightInput(bundle.requirementsFor(resolved), bundle.portsFor(resolved));
        } catch (AnswersException e) {
            if (answers != null) {
                throw e;
            }
        }
        Map<String, Integer> ports = new HashMap<>();
        for (String name : bundle.requirements().portParams()) {
            Parameter p = bundle.parameter(name);
            if (p != null && p.type() == ParamType.PORT && p.defaultValue() instanceof Number n) {
                ports.put(name, n.intValue());
            }
        }
        return new PreflightInput(bundle.requirements(), ports);
    }
}
