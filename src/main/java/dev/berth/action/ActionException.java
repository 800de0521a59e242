package dev.berth.action;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/** An action that cannot be run, with the one sentence that says why. */
public final class ActionException extends BerthException {

    public ActionException(Localized sentence) {
        super(Category.INVALID_INPUT, sentence);
    }
}
