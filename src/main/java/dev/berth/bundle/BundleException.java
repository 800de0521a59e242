package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;
import java.util.stream.Collectors;

/** A bundle that cannot be used, with every problem found in it. */
public class BundleException extends Exception {
    private final transient List<BundleProblem> problems;

    public BundleException(List<BundleProblem> problems) {
        super(problems.stream().map(BundleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<BundleProblem> problems() {
        return problems;
    }

    /** All problems, one per line, in both languages. */
    public Localized describe() {
        return new Localized(
                problems.stream().map(p -> p.message().zh()).collect(Collectors.joining("\n")),
                problems.stream().map(p -> p.message().en()).collect(Collectors.joining("\n")));
    }
}
