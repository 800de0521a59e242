package dev.berth.profile;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/** A profile cannot be read, written or named as asked; {@link #sentence()} is the one sentence to show. */
public class ProfileException extends BerthException {

    public ProfileException(Localized message) {
        this(message, null);
    }

    public ProfileException(Localized message, Throwable cause) {
        super(Category.INVALID_INPUT, message, cause);
    }
}
