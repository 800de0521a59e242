package dev.berth.transfer;

import dev.berth.text.Localized;

/** An image that could not be found, read or delivered intact; carries one sentence for the operator. */
public class TransferException extends Exception {
    private final Localized sentence;

    public TransferException(Localized sentence) {
        super(sentence.en());
        this.sentence = sentence;
    }

    public Localized sentence() {
        return sentence;
    }
}
