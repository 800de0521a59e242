package dev.berth.ssh;

import dev.berth.text.Localized;

/**
 * A failure talking to the target, carrying one sentence for the operator in both languages. Never holds a
 * password or key material.
 */
public class SshException extends Exception {
    private final Localized sentence;
    private final Kind kind;

    public enum Kind { UNREACHABLE, AUTH, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, KEY_UNREADABLE, TIMEOUT, CHANNEL, REMOTE_FAILED }

    public SshException(Kind kind, Localized sentence, Throwable cause) {
        super(sentence.en(), cause);
        this.kind = kind;
        this.sentence = sentence;
    }

    public SshException(Kind kind, Localized sentence) {
        this(kind, sentence, null);
    }

    public Localized sentence() {
        return sentence;
    }

    public Kind kind() {
        return kind;
    }
}
