package dev.berth.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Host key fingerprints and key types, computed exactly as OpenSSH's {@code ssh-keygen -lf} prints them. */
public final class Fingerprints {
    private Fingerprints() {}

    /** "SHA256:" followed by the unpadded base64 of the SHA-256 of the public key blob. */
    public static String sha256(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The key type named inside an SSH public key blob ("ssh-ed25519", "ssh-rsa", ...). */
    public static String keyType(byte[] keyBlob) {
        if (keyBlob.length < 4) {
            return "unknown";
        }
        int len = ((keyBlob[0] & 0xff) << 24) | ((keyBlob[1] & 0xff) << 16) | ((keyBlob[2] & 0xff) << 8)
                | (keyBlob[3] & 0xff);
        if (len <= 0 || len > 64 || 4 + len > keyBlob.length) {
            return "unknown";
        }
        return new String(keyBlob, 4, len, StandardCharsets.US_ASCII);
    }

    /**
     * True when {@code expected} (as an operator typed it: with or without "SHA256:", with or without base64
     * padding) names the same fingerprint as {@code actual}.
     */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return normalize(expected).equals(normalize(actual));
    }

    private static String normalize(String fingerprint) {
        String f = fingerprint.trim();
        if (f.regionMatches(true, 0, "SHA256:", 0, 7)) {
            f = f.substring(7);
        }
        while (f.endsWith("=")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }
}
