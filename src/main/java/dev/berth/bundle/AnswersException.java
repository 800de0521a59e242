package dev.berth.bundle;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;
import java.util.List;

/** Answers that cannot be used, with one sentence per problem, each naming the parameter. */
public class AnswersException extends BerthException {
    private final transient List<Localized> problems;

    public AnswersException(List<Localized> problems) {
        super(Category.INVALID_INPUT, Localized.lines(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Localized> problems() {
        return problems;
    }
}
