package dev.berth.text;

/**
 * Quoting for each format a value can land in. Every function returns a complete token that, when read back
 * by that format's parser, yields exactly the input: nothing in the value is ever interpreted.
 */
public final class Quote {
    private Quote() {}

    private static final Localized UNPAIRED = Localized.of("含有不成对的代理字符，无法以 UTF-8 写入",
            "it holds an unpaired surrogate, which UTF-8 cannot carry");

    /** Refuses half a surrogate pair: the file would get '?' in its place. */
    private static String encodable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Unquotable(value, UNPAIRED);
            }
        }
        return value;
    }

    /** POSIX shell single-quoting: safe for sh, bash and dash, including newlines. */
    public static String shell(String value) {
        encodable(value);
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * A YAML double-quoted scalar. Escapes backslash, quote and every control character, so the value may hold
     * newlines, '#', ': ', '&', '*' or anything else YAML would otherwise read as syntax. Also escaped: what YAML
     * parsers fold or refuse when written raw — C1 controls (NEL U+0085 is a line break to YAML 1.1 readers such
     * as PyYAML), U+2028/U+2029, the BOM, and every non-character (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF), which are
     * outside YAML's printable set.
     *
     * @throws Unquotable for an unpaired surrogate, which no UTF-8 file can hold
     */
    public static String yaml(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (escapedInDoubleQuotes(c, sb)) {
                continue;
            }
            switch (c) {
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (Character.isSurrogate((char) c)) {
                        throw new Unquotable(value, UNPAIRED);
                    } else if (c == 0x2028 || c == 0x2029 || c == 0xfeff || isNonCharacter(c)) {
                        sb.append(c <= 0xffff ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Unicode's non-characters: U+FDD0..U+FDEF and the last two code points of every plane. */
    private static boolean isNonCharacter(int c) {
        return c >= 0xfdd0 && c <= 0xfdef || (c & 0xfffe) == 0xfffe;
    }

    /** YAML for a Compose file: Compose interpolates '$' after YAML parsing, so '$' is doubled first. */
    public static String compose(String value) {
        return yaml(value.replace("$", "$$"));
    }

    /** A value no spelling of a format can carry byte for byte (a NUL, say). */
    public static final class Unquotable extends IllegalArgumentException {
        private final String value;
        private final transient Localized why;

        Unquotable(String value, Localized why) {
            super(why.en());
            this.value = value;
            this.why = why;
        }

        /** What in the value no spelling can carry, without the value. */
        public Localized why() {
            return why;
        }

        /** The value itself, so the caller can name the parameter it came from (never log it). */
        public String value() {
            return value;
        }
    }

    /** {@link #dotenv(String, DotenvDialect)} for Compose v1. */
    public static String dotenv(String value) {
        return dotenv(value, DotenvDialect.PYTHON_DOTENV);
    }

    /**
     * A value in a {@code .env} file as that dialect reads it back, verified against docker-compose 1.29.2
     * (python-dotenv) and Compose 2.26 (compose-go).
     * <ul>
     * <li>A value without <code>'</code>, <code>\</code>, newline, carriage return or <code>${</code> is single-quoted
     * as it is: both dialects read that identically.</li>
     * <li>python-dotenv expands <code>${NAME}</code> in every value, quoted or not, and has no escape for it; inside
     * single quotes it decodes <code>\\</code> and <code>\'</code>. So any other value is double-quoted with
     * <code>\\ \" \n \r</code> escapes, and each <code>${</code> is written <code>$${}{</code>: the empty-named
     * <code>${}</code> expands to nothing, leaving a literal <code>${</code>. A value ending in a backslash gets an
     * empty <code>${}</code> before the closing quote (else <code>\\"</code> reads as an escaped quote).</li>
     * <li>compose-go keeps single quotes literal, so any value without <code>'</code> that does not end in a
     * backslash stays single-quoted; other values are double-quoted with <code>\\ \" \n \r</code> escapes and
     * every <code>$</code> doubled (compose-go rejects <code>${}</code> and reads <code>\$</code> as two
     * characters).</li>
     * </ul>
     *
     * @throws Unquotable for a value holding NUL, which neither a .env file nor a process environment can carry
     */
    public static String dotenv(String value, DotenvDialect dialect) {
        encodable(value);
        if (value.indexOf('\0') >= 0) {
            throw new Unquotable(value, Localized.of("NUL 字符无法写入 .env 文件", "a NUL character cannot be carried by a .env file"));
        }
        boolean portable = value.indexOf('\'') < 0 && value.indexOf('\\') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0 && !value.contains("${");
        if (portable || dialect == DotenvDialect.COMPOSE_GO && value.indexOf('\'') < 0 && !value.endsWith("\\")) {
            return "'" + value + "'";
        }
        StringBuilder sb = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escapedInDoubleQuotes(c, sb)) {
                continue;
            }
            switch (c) {
                case '$' -> {
                    if (dialect == DotenvDialect.COMPOSE_GO) {
                        sb.append("$$");
                    } else {
                        sb.append(i + 1 < value.length() && value.charAt(i + 1) == '{' ? "$${}" : "$");
                    }
                }
                default -> sb.append(c);
            }
        }
        if (dialect == DotenvDialect.PYTHON_DOTENV && value.endsWith("\\")) {
            // python-dotenv's quoted-value pattern would read the escaped backslash and the closing quote as an
            // escaped quote and run on into the next lines; an empty ${} in between expands to nothing.
            sb.append("${}");
        }
        return sb.append('"').toString();
    }

    /** A JSON string literal. */
    public static String json(String value) {
        encodable(value);
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escapedInDoubleQuotes(c, sb)) {
                continue;
            }
            switch (c) {
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

    /** The escapes YAML and .env double-quoted values and JSON strings share; false when {@code c} is not one of them. */
    private static boolean escapedInDoubleQuotes(int c, StringBuilder sb) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            default -> {
                return false;
            }
        }
        return true;
    }
}
