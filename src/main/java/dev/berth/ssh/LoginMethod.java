package dev.berth.ssh;

import java.util.Locale;

/**
 * How one server of a cluster logs in: its key file (or ~/.ssh/config and the default keys), the operator's SSH agent,
 * or a password asked for that server alone (never stored, never offered to another server).
 */
public enum LoginMethod {
    KEY, AGENT, PASSWORD;

    /** As a cluster file and a profile spell it: key, agent, password. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return null for a word that is none of them */
    public static LoginMethod of(String word) {
        for (LoginMethod m : values()) {
            if (m.word().equals(word)) {
                return m;
            }
        }
        return null;
    }
}
