package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One answer the operator gives. Optional fields are null (or empty collections) when bundle.yaml leaves them
 * out. {@code defaultValue} is already normalised to the type: String, Long (int/port), Boolean (bool) or
 * {@code List<Map<String,Object>>} (list).
 *
 * @param when   shown and required only when every named parameter has one of the listed values
 * @param fields for {@code list}: the parameters of one entry (names local to the entry)
 */
public record Parameter(
        String name,
        ParamType type,
        String group,
        Localized label,
        Localized help,
        Object defaultValue,
        boolean required,
        Long min,
        Long max,
        String pattern,
        Localized message,
        List<Integer> lengths,
        List<Choice> choices,
        Generate generate,
        Map<String, List<String>> when,
        List<Parameter> fields) {

    private static final Pattern SAFE_CHOICE = Pattern.compile("[A-Za-z0-9._:/-]*");
    /**
     * A {@code pattern} that admits only URL-safe token characters: one class of {@code A-Z a-z 0-9 . _ ~ -},
     * repeated at least once ({@code ^[A-Za-z0-9._~-]{12,64}$}, {@code ^[a-z0-9]+$}).
     */
    private static final Pattern SAFE_PATTERN = Pattern.compile(
            "\\^\\[(?:A-Z|a-z|0-9|[._~])+-?\\](?:\\+|\\{[1-9]\\d*(?:,\\d+)?\\})\\$");

    public Parameter {
        lengths = lengths == null ? List.of() : List.copyOf(lengths);
        choices = choices == null ? List.of() : List.copyOf(choices);
        when = when == null ? Map.of() : Map.copyOf(when);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /**
     * True when no value of this parameter can carry syntax of any file format, so it may be inserted unquoted
     * ({@code {{&NAME}}}, raw files, URLs): int, port, bool, host, choice whose values are all plain tokens, and
     * text or secret whose {@code pattern} admits only token characters (a password inside a database URL).
     */
    public boolean carriesNoSyntax() {
        return switch (type) {
            case INT, PORT, BOOL, HOST -> true;
            case CHOICE -> choices.stream().allMatch(c -> SAFE_CHOICE.matcher(c.value()).matches());
            case TEXT, SECRET -> pattern != null && SAFE_PATTERN.matcher(pattern).matches();
            default -> false;
        };
    }

    public boolean isSecret() {
        return type == ParamType.SECRET;
    }

    public Parameter field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst().orElse(null);
    }
}
