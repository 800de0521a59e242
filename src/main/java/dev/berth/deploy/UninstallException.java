package dev.berth.deploy;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/** Berth would not or could not take a deployment off the server; the sentence says which and why. */
public final class UninstallException extends BerthException {
    UninstallException(Category category, Localized sentence) {
        super(category, sentence);
    }
}
