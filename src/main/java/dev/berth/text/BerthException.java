package dev.berth.text;

import java.util.Objects;

/**
 * The base of every failure the engine reports to the operator: one sentence in both languages and what kind of
 * failure it is. The CLI (exit code and message) and the wizard (the step's problem line) each catch this once
 * instead of a ladder of types that drifts behind new exceptions.
 */
public abstract class BerthException extends Exception {
    /** What failed, so the CLI can pick an exit code; the sentence says the rest. */
    public enum Category {
        /** A bundle, answers file, profile, image folder or option is wrong: fix the input and run again. */
        INVALID_INPUT,
        /** Found on the server before anything there changed. */
        PREFLIGHT,
        /** The server could not be reached, refused the login or its host key is not the one known. */
        CONNECTION,
        /** Work on the server was started and did not finish. */
        SERVER_WORK
    }

    private final transient Localized sentence;
    private final Category category;

    protected BerthException(Category category, Localized sentence, Throwable cause) {
        super(Objects.requireNonNull(sentence, "sentence").en(), cause);
        this.category = Objects.requireNonNull(category, "category");
        this.sentence = sentence;
    }

    protected BerthException(Category category, Localized sentence) {
        this(category, sentence, null);
    }

    /** What to tell the operator, one sentence (several lines when several things are wrong). */
    public Localized sentence() {
        return sentence;
    }

    public Category category() {
        return category;
    }
}
