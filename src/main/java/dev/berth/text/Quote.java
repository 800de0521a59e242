package dev.berth.text;

/**
 * Quoting for each format a value can land in. Every function returns a complete token that, when read back
 * by that format's parser, yields exactly the input: nothing in the value is ever interpreted.
 */
public final class Quote {
    private Quote() {}

    /** POSIX shell single-quoting: safe for sh, bash and dash, including newlines. */
    public static String shell(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * A YAML double-quoted scalar. Escapes backslash, quote and every control character, so the value may hold
     * newlines, '#', ': ', '&', '*' or anything else YAML would otherwise read as syntax.
     */
    public static String yaml(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** YAML for a Compose file: Compose interpolates '$' after YAML parsing, so '$' is doubled first. */
    public static String compose(String value) {
        return yaml(value.replace("$", "$$"));
    }

    /**
     * A value in a dotenv file as read by Docker Compose (v1 python-dotenv and v2 compose-go) and by shells that
     * source it: single quotes keep everything literal. A single quote or newline cannot live inside single
     * quotes in dotenv, so such values use double quotes with backslash escapes, which both parsers honour.
     */
    public static String dotenv(String value) {
        if (value.indexOf('\'') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return "'" + value + "'";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '$' -> sb.append("\\$");
                case '`' -> sb.append("\\`");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A JSON string literal. */
    public static String json(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
