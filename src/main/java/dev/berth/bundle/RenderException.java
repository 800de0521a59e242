package dev.berth.bundle;

import dev.berth.text.Localized;

/** A release could not be rendered (a template and the answers do not fit together). */
public class RenderException extends Exception {
    private final transient Localized problem;

    public RenderException(Localized problem, Throwable cause) {
        super(problem.en(), cause);
        this.problem = problem;
    }

    public Localized problem() {
        return problem;
    }
}
