package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;
import java.util.stream.Collectors;

/** Answers that cannot be used, with one sentence per problem, each naming the parameter. */
public class AnswersException extends Exception {
    private final transient List<Localized> problems;

    public AnswersException(List<Localized> problems) {
        super(problems.stream().map(Localized::en).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Localized> problems() {
        return problems;
    }
}
