package dev.berth.bundle;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;
import java.util.List;

/** A bundle that cannot be used, with every problem found in it; the sentence names them all, one per line. */
public class BundleException extends BerthException {
    private final transient List<BundleProblem> problems;

    public BundleException(List<BundleProblem> problems) {
        super(Category.INVALID_INPUT, Localized.lines(problems.stream().map(BundleProblem::message).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<BundleProblem> problems() {
        return problems;
    }
}
