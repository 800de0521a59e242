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
     * A value in a {@code .env} file as Docker Compose reads it back, verified against docker-compose 1.29.2
     * (python-dotenv). python-dotenv expands <code>${NAME}</code> in every value, quoted or not, and has no escape
     * for it; inside single quotes it decodes <code>\\</code> and <code>\'</code>.
     * <ul>
     * <li>A value without <code>'</code>, <code>\</code>, newline, carriage return or <code>${</code> is single-quoted as it is:
     * read identically by Compose v1 (python-dotenv) and v2 (compose-go, where single quotes are literal).</li>
     * <li>Any other value is double-quoted with <code>\\ \" \n \r</code> escapes, and each <code>${</code> is
     * written <code>$${}{</code>: python-dotenv expands the empty-named <code>${}</code> to nothing, leaving a
     * literal <code>${</code>. A value ending in a backslash gets an empty <code>${}</code> before the closing
     * quote (else python-dotenv reads <code>\\"</code> as an escaped quote). This form is verified for Compose
     * v1 only.</li>
     * </ul>
     */
    public static String dotenv(String value) {
        boolean plain = value.indexOf('\'') < 0 && value.indexOf('\\') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0 && !value.contains("${");
        if (plain) {
            return "'" + value + "'";
        }
        StringBuilder sb = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '$' -> sb.append(i + 1 < value.length() && value.charAt(i + 1) == '{' ? "$${}" : "$");
                default -> sb.append(c);
            }
        }
        if (value.endsWith("\\")) {
            // python-dotenv's quoted-value pattern would read the escaped backslash and the closing quote as an
            // escaped quote and run on into the next lines; an empty ${} in between expands to nothing.
            sb.append("${}");
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
