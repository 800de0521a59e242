package dev.berth.target;

import java.util.List;

/**
 * How a command gains root on the target. Root logins need nothing; other users go through {@code sudo -n}, which
 * fails at once instead of waiting for a password nobody can type over a non-interactive channel.
 */
public enum Privilege {
    NONE(List.of()),
    SUDO(List.of("sudo", "-n"));

    private final List<String> prefix;

    Privilege(List<String> prefix) {
        this.prefix = prefix;
    }

    /** The words put before a command's argv. */
    public List<String> prefix() {
        return prefix;
    }

    /** NONE for uid 0, SUDO for everyone else. */
    public static Privilege forUid(int uid) {
        return uid == 0 ? NONE : SUDO;
    }
}
