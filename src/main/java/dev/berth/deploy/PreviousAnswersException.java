package dev.berth.deploy;

import dev.berth.text.Localized;

/**
 * The answers a deployment was made with are on the server but cannot be read (unreadable file, damaged YAML, sudo
 * refused). Berth stops here: deploying with fresh secrets would lock the services out of their own data.
 */
public final class PreviousAnswersException extends Exception {
    private final Localized sentence;

    public PreviousAnswersException(Localized sentence) {
        super(sentence.en());
        this.sentence = sentence;
    }

    public Localized sentence() {
        return sentence;
    }
}
