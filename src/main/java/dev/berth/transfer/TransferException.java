package dev.berth.transfer;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/** An image that could not be found, read or delivered intact; carries one sentence for the operator. */
public class TransferException extends BerthException {

    public TransferException(Localized sentence) {
        super(Category.INVALID_INPUT, sentence);
    }

    /** An image that cannot go to this server (its CPU, its room), found before anything there changed. */
    public static TransferException unfit(Localized sentence) {
        return new TransferException(Category.PREFLIGHT, sentence);
    }

    private TransferException(Category category, Localized sentence) {
        super(category, sentence);
    }
}
