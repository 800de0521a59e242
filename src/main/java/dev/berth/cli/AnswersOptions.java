package dev.berth.cli;

import dev.berth.bundle.AnswersException;
import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Parameter;
import dev.berth.bundle.ParamType;
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

    /** Host ports to check: from the answers when they resolve, else each port parameter's default. */
    Map<String, Integer> ports(Bundle bundle) throws AnswersException {
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Object> values;
        try {
            values = resolve(bundle).values();
        } catch (AnswersException e) {
            if (answers != null) {
                throw e;
            }
            values = Map.of();
        }
        for (String name : bundle.requirements().portParams()) {
            Object v = values.get(name);
            if (v == null) {
                Parameter p = bundle.parameter(name);
                v = p == null || p.type() != ParamType.PORT ? null : p.defaultValue();
            }
            if (v instanceof Number n) {
                ports.put(name, n.intValue());
            }
        }
        return ports;
    }
}
