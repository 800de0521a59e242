package dev.berth.ssh;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a deployment goes and how to log in. The password and key passphrase are held as char arrays by the
 * caller-supplied {@link Credentials}; this record holds no secret itself, so it may be logged and saved.
 *
 * @param identity    private key file, or null for ssh-agent / password / ~/.ssh/config
 * @param hostKey     a SHA256 fingerprint ("SHA256:...") the operator accepted in advance, or null
 * @param jump        a jump host, or null
 * @param installDir  the folder on the server that holds releases, data and the journal
 */
public record TargetSpec(String user, String host, int port, Path identity, String hostKey, TargetSpec jump,
                         String installDir) {

    public static final int DEFAULT_PORT = 22;

    public TargetSpec {
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses {@code user@host[:port]} (also {@code host}, {@code user@[::1]:2222}).
     *
     * @throws IllegalArgumentException with a one-sentence message when the text is not a target
     */
    public static TargetSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The target is empty; write it as user@host or user@host:port.");
        }
        String rest = text.trim();
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (user.isEmpty()) {
                throw new IllegalArgumentException("The target '" + text + "' has an empty user name before '@'.");
            }
        }
        String host;
        int port = DEFAULT_PORT;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("The target '" + text + "' opens '[' but never closes it.");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("The target '" + text + "' has text after the address.");
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0 && rest.indexOf(':') == colon) {
                host = rest.substring(0, colon);
                portText = rest.substring(colon + 1);
            } else {
                host = rest;
            }
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "The port in '" + text + "' must be a number from 1 to 65535.");
            }
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw new IllegalArgumentException("The target '" + text + "' has no valid host name or address.");
        }
        return new TargetSpec(user, host, port, null, null, null, null);
    }

    public TargetSpec withIdentity(Path key) {
        return new TargetSpec(user, host, port, key, hostKey, jump, installDir);
    }

    public TargetSpec withHostKey(String fingerprint) {
        return new TargetSpec(user, host, port, identity, fingerprint, jump, installDir);
    }

    public TargetSpec withJump(TargetSpec via) {
        return new TargetSpec(user, host, port, identity, hostKey, via, installDir);
    }

    public TargetSpec withInstallDir(String dir) {
        return new TargetSpec(user, host, port, identity, hostKey, jump, dir);
    }

    public TargetSpec withUser(String name) {
        return new TargetSpec(name, host, port, identity, hostKey, jump, installDir);
    }

    public Optional<TargetSpec> jumpHost() {
        return Optional.ofNullable(jump);
    }

    /** "user@host:port" as the operator would type it; holds no secret. */
    public String display() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + h + (port == DEFAULT_PORT ? "" : ":" + port);
    }

    /** The key used in Berth's known_hosts: OpenSSH's "[host]:port" form when the port is not 22. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }
}
