package dev.berth.bundle;

import com.samskivert.mustache.MustacheException;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a bundle's {@code checks:} with the operator's answers: the HTTP requests to make from the server and the
 * minimums to compare. Checks whose {@code when} is not met are left out. Pure.
 */
public final class ServerChecks {
    private ServerChecks() {}

    /**
     * One HTTP request to make from the server and what its answer should be. Header values and the body may
     * carry secrets: {@link #toString()} never shows them.
     */
    public record HttpCheck(String id, Localized label, String method, String url, Map<String, String> headers,
                            String body, int status, String model, int timeoutSeconds, boolean warnOnly) {
        public HttpCheck {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        @Override
        public String toString() {
            return "HttpCheck[" + id + " " + method + " " + url + " headers=" + headers.keySet() + " status=" + status
                    + " model=" + model + "]";
        }
    }

    /** An int answer and the value it should reach. {@code actual} is null when the answer is not a number. */
    public record MinimumCheck(String id, Localized label, String param, Long actual, long minimum,
                               Localized message) {}

    public record Planned(List<HttpCheck> http, List<MinimumCheck> minimums) {
        public Planned {
            http = List.copyOf(http);
            minimums = List.copyOf(minimums);
        }

        public boolean isEmpty() {
            return http.isEmpty() && minimums.isEmpty();
        }
    }

    public static Planned plan(Bundle bundle, ResolvedAnswers answers, Builtins builtins) throws RenderException {
        Map<String, Object> ctx = RenderContext.of(answers.values(), builtins);
        List<HttpCheck> http = new ArrayList<>();
        List<MinimumCheck> minimums = new ArrayList<>();
        Conditions conditions = Conditions.of(bundle, answers);
        for (ServerCheck c : bundle.checks()) {
            if (!conditions.met(c.when())) {
                continue;
            }
            if (c.http() != null) {
                ServerCheck.Http h = c.http();
                Map<String, String> headers = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : h.headers().entrySet()) {
                    String v = fill(e.getValue(), Format.RAW, ctx, c.id());
                    if (!v.isEmpty()) {
                        headers.put(e.getKey(), v);
                    }
                }
                String body = h.body() == null ? null : fill(h.body(), Format.JSON, ctx, c.id());
                String model = h.model() == null ? "" : fill(h.model(), Format.RAW, ctx, c.id());
                http.add(new HttpCheck(c.id(), c.label(), h.method(), fill(h.url(), Format.RAW, ctx, c.id()), headers,
                        body, h.status(), model, h.timeoutSeconds(), c.warnOnly()));
            } else {
                Object v = answers.get(c.minimum().param());
                Long actual = v instanceof Number n ? n.longValue() : null;
                minimums.add(new MinimumCheck(c.id(), c.label(), c.minimum().param(), actual, c.minimum().value(),
                        c.minimum().message()));
            }
        }
        return new Planned(http, minimums);
    }

    private static String fill(String template, Format format, Map<String, Object> ctx, String id)
            throws RenderException {
        try {
            return TemplateEngine.render(template, format, ctx);
        } catch (MustacheException e) {
            throw new RenderException(Localized.of("检查 " + id + " 无法渲染：" + e.getMessage() + "。",
                    "check " + id + " cannot be rendered: " + e.getMessage() + "."), e);
        } catch (dev.berth.text.Quote.Unquotable e) {
            throw Renderer.refusal(e, format, ctx, "check " + id);
        }
    }
}
