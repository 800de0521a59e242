package dev.berth.deploy;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/** A backup or restore Berth would not or could not do; the sentence says which and why. */
public final class BackupException extends BerthException {
    public BackupException(Category category, Localized sentence) {
        super(category, sentence);
    }
}
