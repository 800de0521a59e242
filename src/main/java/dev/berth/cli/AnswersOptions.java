package dev.berth.cli;

import dev.berth.bundle.AnswersException;
import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The operator's answers file, read and checked against the bundle. */
final class AnswersOptions {
    @Option(names = "--answers", descriptionKey = "answers", paramLabel = "FILE")
    Path answers;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The profile's answers (with --profile), overridden name by name by the answers file's. */
    Map<String, Object> raw() throws AnswersException {
        Map<String, Object> all = new LinkedHashMap<>();
        ProfileOption.of(command).ifPresent(p -> all.putAll(p.answers()));
        if (answers != null) {
            all.putAll(AnswersFile.read(answers));
        }
        return all;
    }

    ResolvedAnswers resolve(Bundle bundle) throws AnswersException {
        return AnswersResolver.resolve(bundle, raw());
    }

    /**
     * The answers preflight judges: the file's (or the profile's) when given (bad answers are an error), else the bundle's defaults
     * when they resolve, else null (a check may run before the operator has answered everything).
     */
    ResolvedAnswers forPreflight(Bundle bundle) throws AnswersException {
        try {
            return resolve(bundle);
        } catch (AnswersException e) {
            if (answers != null || ProfileOption.of(command).isPresent()) {
                throw e;
            }
            return null;
        }
    }
}
