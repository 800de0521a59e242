package dev.berth.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * One Mustache tag of a template, with its line. Berth scans tags itself (JMustache's visitor tells neither the
 * line nor whether a variable is escaped) so that loading can name the exact line of a bad reference.
 */
record TemplateTag(Kind kind, String name, int line) {

    enum Kind {
        /** {@code {{X}}}: quoted for the file's format. */
        VARIABLE,
        /** {@code {{&X}}} or {@code {{{X}}}}: inserted as it is. */
        UNQUOTED,
        SECTION,
        INVERTED,
        CLOSE,
        COMMENT,
        /** Partials and delimiter changes: not supported in bundles. */
        UNSUPPORTED
    }

    /** The tags of a template in order; an unclosed tag is reported as UNSUPPORTED with its text as name. */
    static List<TemplateTag> scan(String text) {
        List<TemplateTag> tags = new ArrayList<>();
        int line = 1;
        int pos = 0;
        while (true) {
            int open = text.indexOf("{{", pos);
            if (open < 0) {
                return tags;
            }
            line += count(text, pos, open);
            boolean triple = text.startsWith("{{{", open);
            String closer = triple ? "}}}" : "}}";
            int start = open + (triple ? 3 : 2);
            int close = text.indexOf(closer, start);
            if (close < 0) {
                tags.add(new TemplateTag(Kind.UNSUPPORTED, text.substring(open, Math.min(text.length(), open + 20)),
                        line));
                return tags;
            }
            String body = text.substring(start, close);
            tags.add(triple ? new TemplateTag(Kind.UNQUOTED, body.trim(), line) : classify(body, line));
            line += count(text, open, close);
            pos = close + closer.length();
        }
    }

    private static TemplateTag classify(String body, int line) {
        String b = body.trim();
        if (b.isEmpty()) {
            return new TemplateTag(Kind.UNSUPPORTED, body, line);
        }
        String rest = b.substring(1).trim();
        return switch (b.charAt(0)) {
            case '&' -> new TemplateTag(Kind.UNQUOTED, rest, line);
            case '#' -> new TemplateTag(Kind.SECTION, rest, line);
            case '^' -> new TemplateTag(Kind.INVERTED, rest, line);
            case '/' -> new TemplateTag(Kind.CLOSE, rest, line);
            case '!' -> new TemplateTag(Kind.COMMENT, rest, line);
            case '>', '=', '<', '$' -> new TemplateTag(Kind.UNSUPPORTED, b, line);
            default -> new TemplateTag(Kind.VARIABLE, b, line);
        };
    }

    private static int count(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
