package dev.berth.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The secrets for one login, held as char arrays so the caller can wipe them with {@link #clear()}. Never
 * printed: {@link #toString()} names only which secrets are present. A jump host has credentials of its own
 * ({@link #withJump}); the target's password and passphrase are never offered to it.
 */
public final class Credentials {
    private final char[] keyPassphrase;
    private final char[] password;
    private final boolean useAgent;
    private final Path agentSocket;
    private final Credentials jump;

    private Credentials(char[] keyPassphrase, char[] password, boolean useAgent, Path agentSocket, Credentials jump) {
        this.keyPassphrase = keyPassphrase == null ? null : keyPassphrase.clone();
        this.password = password == null ? null : password.clone();
        this.useAgent = useAgent;
        this.agentSocket = agentSocket;
        this.jump = jump;
    }

    /** No secret: an unencrypted key file or ~/.ssh/config identities. */
    public static Credentials none() {
        return new Credentials(null, null, false, null, null);
    }

    public static Credentials password(char[] password) {
        return none().withPassword(password);
    }

    public static Credentials keyPassphrase(char[] passphrase) {
        return none().withKeyPassphrase(passphrase);
    }

    /** Keys from the running ssh-agent ($SSH_AUTH_SOCK). */
    public static Credentials agent() {
        return none().withAgent(null);
    }

    public Credentials withPassword(char[] secret) {
        return new Credentials(keyPassphrase, secret, useAgent, agentSocket, jump);
    }

    public Credentials withKeyPassphrase(char[] secret) {
        return new Credentials(secret, password, useAgent, agentSocket, jump);
    }

    /** Uses ssh-agent; {@code socket} overrides $SSH_AUTH_SOCK when not null. */
    public Credentials withAgent(Path socket) {
        return new Credentials(keyPassphrase, password, true, socket, jump);
    }

    /** The jump host's own password, passphrase or agent (its key file is in its {@link TargetSpec}). */
    public Credentials withJump(Credentials forJump) {
        return new Credentials(keyPassphrase, password, useAgent, agentSocket, forJump);
    }

    /** What the jump host is offered: its own credentials, or none (its key file, ~/.ssh/config, default keys). */
    public Credentials forJump() {
        return jump != null ? jump : none();
    }

    /** Reads a password as the CLI's {@code --password-stdin} does: the first line, without its line end. */
    public static char[] readSecretLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            bytes.write(b);
        }
        byte[] raw = bytes.toByteArray();
        int len = raw.length;
        if (len > 0 && raw[len - 1] == '\r') {
            len--;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, len));
        char[] out = new char[chars.remaining()];
        chars.get(out);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return out;
    }

    public boolean hasPassword() {
        return password != null;
    }

    public boolean hasKeyPassphrase() {
        return keyPassphrase != null;
    }

    public boolean useAgent() {
        return useAgent;
    }

    /** The agent socket to use instead of $SSH_AUTH_SOCK, or null. */
    public Path agentSocket() {
        return agentSocket;
    }

    /** A copy of the password as UTF-8 bytes; the caller wipes it. Null when there is none. */
    byte[] passwordBytes() {
        return utf8(password);
    }

    /** A copy of the key passphrase as UTF-8 bytes; the caller wipes it. Null when there is none. */
    byte[] keyPassphraseBytes() {
        return utf8(keyPassphrase);
    }

    private static byte[] utf8(char[] secret) {
        if (secret == null) {
            return null;
        }
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        if (buf.hasArray()) {
            Arrays.fill(buf.array(), (byte) 0);
        }
        return out;
    }

    /** Overwrites the held secrets. */
    public void clear() {
        if (jump != null) {
            jump.clear();
        }
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        if (keyPassphrase != null) {
            Arrays.fill(keyPassphrase, '\0');
        }
    }

    @Override
    public String toString() {
        return "Credentials[password=" + (password != null ? "set" : "none")
                + ", keyPassphrase=" + (keyPassphrase != null ? "set" : "none")
                + ", agent=" + useAgent + (jump == null ? "" : ", jump=" + jump) + "]";
    }
}
