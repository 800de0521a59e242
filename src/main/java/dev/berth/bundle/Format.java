package dev.berth.bundle;

import dev.berth.text.DotenvDialect;
import dev.berth.text.Quote;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** How {@code {{NAME}}} is quoted in a rendered file: chosen from the file name unless {@code formats:} says. */
public enum Format {
    COMPOSE(Quote::compose),
    YAML(Quote::yaml),
    ENV(Quote::dotenv),
    SHELL(Quote::shell),
    JSON(Quote::json),
    RAW(UnaryOperator.identity());

    private final UnaryOperator<String> quote;

    Format(UnaryOperator<String> quote) {
        this.quote = quote;
    }

    public String quote(String value) {
        return quote.apply(value);
    }

    /** The quoting of this format; a .env value is spelled for the dialect that will read it. */
    public String quote(String value, DotenvDialect dotenv) {
        return this == ENV ? Quote.dotenv(value, dotenv) : quote.apply(value);
    }

    /** The spelling used in bundle.yaml's {@code formats:}. */
    public String yamlName() {
        return this == ENV ? "env" : name().toLowerCase(Locale.ROOT);
    }

    public static Format fromYamlName(String name) {
        for (Format f : values()) {
            if (f.yamlName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The format a release path gets from its name alone. */
    public static Format forPath(String releasePath, String composeFile) {
        if (releasePath.equals(composeFile)) {
            return COMPOSE;
        }
        String name = releasePath.substring(releasePath.lastIndexOf('/') + 1);
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return YAML;
        }
        if (name.equals(".env") || name.endsWith(".env")) {
            return ENV;
        }
        if (name.endsWith(".sh")) {
            return SHELL;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        return RAW;
    }
}
