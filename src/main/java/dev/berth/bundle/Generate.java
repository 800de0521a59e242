package dev.berth.bundle;

/** How a secret is generated when the operator gives none: {@code bytes} random bytes in {@code alphabet}. */
public record Generate(int bytes, Alphabet alphabet) {

    public enum Alphabet { HEX, ALNUM, BASE64URL }
}
