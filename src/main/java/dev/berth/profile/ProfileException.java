package dev.berth.profile;

import dev.berth.text.Localized;
import java.util.Objects;

/** A profile cannot be read, written or named as asked; {@link #message()} is the one sentence to show. */
public class ProfileException extends Exception {
    private final transient Localized message;

    public ProfileException(Localized message) {
        this(message, null);
    }

    public ProfileException(Localized message, Throwable cause) {
        super(Objects.requireNonNull(message, "message").en(), cause);
        this.message = message;
    }

    public Localized message() {
        return message;
    }
}
