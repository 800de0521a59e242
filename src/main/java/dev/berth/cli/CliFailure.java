package dev.berth.cli;

import dev.berth.text.Localized;

/** Ends a command with one sentence for the operator and an exit code; never shown as a stack trace. */
public final class CliFailure extends RuntimeException {
    private final int exitCode;
    private final Localized sentence;

    public CliFailure(int exitCode, Localized sentence) {
        super(sentence.en(), null, false, false);
        this.exitCode = exitCode;
        this.sentence = sentence;
    }

    public int exitCode() {
        return exitCode;
    }

    public Localized sentence() {
        return sentence;
    }
}
