package dev.berth.bundle;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** How a secret is generated when the operator gives none: {@code bytes} random bytes in {@code alphabet}. */
public record Generate(int bytes, Alphabet alphabet) {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public enum Alphabet { HEX, ALNUM, BASE64URL }

    /** A fresh value, as answer resolution makes one for an unanswered secret (and the wizard for its field). */
    public String value(SecureRandom random) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return switch (alphabet) {
            case HEX -> HexFormat.of().formatHex(raw);
            case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            case ALNUM -> {
                // As many characters as carry the same entropy as the bytes asked for.
                int length = (int) Math.ceil(bytes * 8 / (Math.log(ALNUM.length()) / Math.log(2)));
                StringBuilder sb = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
                }
                yield sb.toString();
            }
        };
    }
}
