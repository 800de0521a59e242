package dev.berth.action;

import dev.berth.text.Localized;

/** An action that cannot be run, with the one sentence that says why. */
public final class ActionException extends Exception {
    private final Localized sentence;

    public ActionException(Localized sentence) {
        super(sentence.en());
        this.sentence = sentence;
    }

    public Localized sentence() {
        return sentence;
    }
}
