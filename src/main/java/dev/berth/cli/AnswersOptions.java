package dev.berth.cli;

import dev.berth.bundle.AnswersException;
import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import java.nio.file.Path;
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

    /**
     * The answers preflight judges: the file's when given (bad answers are an error), else the bundle's defaults
     * when they resolve, else null (a check may run before the operator has answered everything).
     */
    ResolvedAnswers forPreflight(Bundle bundle) throws AnswersException {
        try {
            return resolve(bundle);
        } catch (AnswersException e) {
            if (answers != null) {
                throw e;
            }
            return null;
        }
    }
}
