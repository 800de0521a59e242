package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and checks the {@code checks:} section of bundle.yaml (see {@link ServerCheck}). */
final class ServerCheckReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** In this order in messages (a Set.of would name them in a different order each run). */
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "HEAD");

    private final ManifestReader r;
    private final List<BundleProblem> problems;
    private final ReferenceChecker checker;
    private final List<Parameter> params;
    private final WhenReader whens;

    ServerCheckReader(ManifestReader r, List<BundleProblem> problems, ReferenceChecker checker,
                      List<Parameter> params) {
        this.r = r;
        this.problems = problems;
        this.checker = checker;
        this.params = params;
        this.whens = new WhenReader(r);
    }

    List<ServerCheck> read(MapNode m) {
        List<ServerCheck> checks = new ArrayList<>();
        for (YamlNode n : r.list(m, "checks", "bundle.yaml")) {
            MapNode c = r.map(n, "checks[]");
            if (c == null) {
                continue;
            }
            r.keys(c, "checks[]", "id", "label", "when", "http", "minimum", "severity");
            String id = r.text(c, "id", "checks[]", true);
            if (id == null) {
                continue;
            }
            String at = "check " + id;
            if (!ID.matcher(id).matches()) {
                r.problem(r.value(c, "id").line(), at + "：id 只能包含小写字母、数字、_ 和 -。",
                        at + ": an id may only hold lower-case letters, digits, _ and -.");
            }
            if (checks.stream().anyMatch(x -> x.id().equals(id))) {
                r.problem(c.line(), "检查 " + id + " 重复定义。", "check " + id + " is defined twice.");
            }
            Localized label = r.localized(c, "label", at, true);
            Map<String, List<String>> when = whens.readChecked(c, at, params);
            String severity = r.text(c, "severity", at, false);
            if (severity != null && !severity.equals("fail") && !severity.equals("warn")) {
                r.problem(r.value(c, "severity").line(), at + " 的 severity 必须是 fail 或 warn。",
                        at + ": severity must be fail or warn.");
            }
            boolean hasHttp = r.has(c, "http");
            boolean hasMin = r.has(c, "minimum");
            if (hasHttp == hasMin) {
                r.problem(c.line(), at + " 必须恰好有 http 或 minimum 之一。", at + " needs exactly one of http and minimum.");
                continue;
            }
            ServerCheck.Http http = hasHttp ? readHttp(r.map(c, "http", at), at) : null;
            ServerCheck.Minimum min = hasMin ? readMinimum(r.map(c, "minimum", at), at) : null;
            if (label != null && (http != null || min != null)) {
                checks.add(new ServerCheck(id, label, when, http, min, "warn".equals(severity)));
            }
        }
        return checks;
    }

    private ServerCheck.Http readHttp(MapNode h, String at) {
        if (h == null) {
            return null;
        }
        String w = at + ".http";
        r.keys(h, w, "method", "url", "headers", "body", "status", "model", "timeout");
        String method = r.text(h, "method", w, false);
        method = method == null ? "GET" : method;
        if (!METHODS.contains(method)) {
            r.problem(r.value(h, "method").line(), w + ".method 必须是 " + String.join("、", METHODS) + " 之一。",
                    w + ".method must be one of " + String.join(", ", METHODS) + ".");
        }
        String url = r.text(h, "url", w, true);
        if (url != null) {
            checker.check(url, ReferenceChecker.Mode.ANY, BundleLoader.MANIFEST, r.value(h, "url").line(), problems);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        MapNode hm = r.map(h, "headers", w);
        if (hm != null) {
            for (YamlNode.Entry e : hm.entries().values()) {
                if (!HEADER.matcher(e.key()).matches()) {
                    r.problem(e.keyLine(), w + ".headers 中的 '" + e.key() + "' 不是有效的 HTTP 头名称。",
                            w + ".headers: '" + e.key() + "' is not a valid HTTP header name.");
                }
                String v = r.text(e.value(), w + ".headers." + e.key());
                if (v != null) {
                    checker.check(v, ReferenceChecker.Mode.ANY, BundleLoader.MANIFEST, e.value().line(), problems);
                    headers.put(e.key(), v);
                }
            }
        }
        String body = r.text(h, "body", w, false);
        if (body != null) {
            checker.check(body, ReferenceChecker.Mode.QUOTED, BundleLoader.MANIFEST, r.value(h, "body").line(),
                    problems);
            if (body.startsWith("@")) {
                // curl's config would read a file named by the rest of the body
                r.problem(r.value(h, "body").line(), w + ".body 不能以 @ 开头。", w + ".body cannot start with @.");
            }
        }
        Long status = r.integer(h, "status", w);
        String model = r.text(h, "model", w, false);
        if (model != null) {
            checker.check(model, ReferenceChecker.Mode.ANY, BundleLoader.MANIFEST, r.value(h, "model").line(),
                    problems);
        }
        Long timeout = r.integer(h, "timeout", w);
        if (url == null) {
            return null;
        }
        return new ServerCheck.Http(method, url, headers, body, status == null ? 200 : status.intValue(), model,
                timeout == null ? 20 : timeout.intValue());
    }

    private ServerCheck.Minimum readMinimum(MapNode mm, String at) {
        if (mm == null) {
            return null;
        }
        String w = at + ".minimum";
        r.keys(mm, w, "param", "value", "message");
        String param = r.text(mm, "param", w, true);
        Long value = r.integer(mm, "value", w);
        if (value == null && !r.has(mm, "value")) {
            r.missing(mm, "value", w);
        }
        Localized message = r.localized(mm, "message", w, true);
        if (param != null) {
            Parameter p = find(param);
            if (p == null || (p.type() != ParamType.INT && p.type() != ParamType.PORT)) {
                r.problem(r.value(mm, "param").line(), w + ".param 的 " + param + (p == null ? " 不是参数。"
                        : " 不是 int 类型的参数。"), w + ".param names " + param + (p == null ? ", which is not a parameter."
                        : ", which is not an int parameter."));
            }
        }
        return param == null || value == null || message == null ? null
                : new ServerCheck.Minimum(param, value, message);
    }

    private Parameter find(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
