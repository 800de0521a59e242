package dev.berth.ssh;

import dev.berth.text.BerthException;
import dev.berth.text.Localized;

/**
 * A failure talking to the target, carrying one sentence for the operator in both languages. Never holds a
 * password or key material.
 */
public class SshException extends BerthException {
    private final Kind kind;

    public enum Kind { UNREACHABLE, AUTH, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, KEY_UNREADABLE, TIMEOUT, CHANNEL, REMOTE_FAILED }

    public SshException(Kind kind, Localized sentence, Throwable cause) {
        super(categoryOf(kind), sentence, cause);
        this.kind = kind;
    }

    public SshException(Kind kind, Localized sentence) {
        this(kind, sentence, null);
    }

    public Kind kind() {
        return kind;
    }

    /** A command that timed out or broke off had started on the server; the rest never got that far. */
    private static Category categoryOf(Kind kind) {
        return switch (kind) {
            case TIMEOUT, CHANNEL, REMOTE_FAILED -> Category.SERVER_WORK;
            default -> Category.CONNECTION;
        };
    }
}
