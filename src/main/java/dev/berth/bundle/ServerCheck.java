package dev.berth.bundle;

import dev.berth.text.Localized;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A preflight check that depends on the operator's answers, declared under {@code checks:} in bundle.yaml:
 * either an HTTP request made from the server (does the model endpoint answer, with the configured model?) or a
 * minimum for an int parameter (a chat context below 64k). Exactly one of {@code http} and {@code minimum} is set.
 *
 * @param when     judged only when every named choice/bool parameter has one of the listed values
 * @param warnOnly a failed request gives a warning instead of a failure ({@code severity: warn})
 */
public record ServerCheck(String id, Localized label, Map<String, List<String>> when, Http http, Minimum minimum,
                          boolean warnOnly) {

    public ServerCheck {
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    /**
     * An HTTP request. {@code url}, header values and {@code model} are templates whose values are inserted as
     * they are (they never pass through a shell); {@code body} is a JSON template ({@code {{X}}} JSON-quoted).
     * A header whose value renders empty is not sent.
     *
     * @param model when not empty, the JSON answer's top-level {@code model} must equal it (else a warning)
     */
    public record Http(String method, String url, Map<String, String> headers, String body, int status,
                       String model, int timeoutSeconds) {
        public Http {
            headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    /** The answer of int parameter {@code param} should be at least {@code value}; below it, {@code message} warns. */
    public record Minimum(String param, long value, Localized message) {}
}
