package dev.berth.bundle;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.berth.text.DotenvDialect;
import java.util.Map;

/**
 * JMustache set up the way bundles need it: {@code {{X}}} quoted by the file's format, sections strict, an empty
 * string false (so optional text can guard a section), and a missing name an error — never an empty string.
 */
final class TemplateEngine {
    private TemplateEngine() {}

    static Template compile(String text, Format format) {
        return compile(text, format, DotenvDialect.PYTHON_DOTENV);
    }

    static Template compile(String text, Format format, DotenvDialect dotenv) {
        return Mustache.compiler()
                .withEscaper(v -> format.quote(v, dotenv))
                .strictSections(true)
                .emptyStringIsFalse(true)
                .compile(text);
    }

    /** @throws com.samskivert.mustache.MustacheException when a name is missing or the template is malformed */
    static String render(String text, Format format, Map<String, Object> context) {
        return compile(text, format).execute(context);
    }

    /**
     * @throws com.samskivert.mustache.MustacheException as above
     * @throws dev.berth.text.Quote.Unquotable        when a value cannot be carried by the format
     */
    static String render(String text, Format format, DotenvDialect dotenv, Map<String, Object> context) {
        return compile(text, format, dotenv).execute(context);
    }
}
