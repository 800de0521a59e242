package dev.berth.ssh;

import java.time.Duration;
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

    /**
     * For calls that need no full probe (status, follow, the dashboard, a saved profile): one {@code id -u} tells
     * whether root is reached through sudo. The full probe reports the same through its facts.
     */
    public static Privilege detect(RemoteShell shell) throws SshException {
        String uid = shell.exec(ID_U, Duration.ofSeconds(20)).stdout().strip();
        return "0".equals(uid) ? NONE : SUDO;
    }

    /** The command {@link #detect} runs. */
    public static final RemoteCommand ID_U = RemoteCommand.of("id", "-u");
}
