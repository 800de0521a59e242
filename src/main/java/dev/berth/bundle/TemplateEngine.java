package dev.berth.bundle;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.util.Map;

/**
 * JMustache set up the way bundles need it: {@code {{X}}} quoted by the file's format, sections strict, an empty
 * string false (so optional text can guard a section), and a missing name an error — never an empty string.
 */
final class TemplateEngine {
    private TemplateEngine() {}

    static Template compile(String text, Format format) {
        return Mustache.compiler()
                .withEscaper(format::quote)
                .strictSections(true)
                .emptyStringIsFalse(true)
                .compile(text);
    }

    /** @throws com.samskivert.mustache.MustacheException when a name is missing or the template is malformed */
    static String render(String text, Format format, Map<String, Object> context) {
        return compile(text, format).execute(context);
    }
}
