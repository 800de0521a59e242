package dev.berth.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.samskivert.mustache.MustacheException;
import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.bundle.YamlNode.Scalar;
import dev.berth.text.Localized;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code stages:}, {@code hooks:}, {@code probes:} and {@code endpoints:} of bundle.yaml: names,
 * the services they name (as a step's {@code when} brings them into the compose file), readiness and URLs.
 */
final class StepReader {
    private static final Pattern STEP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final ManifestReader r;
    private final List<BundleProblem> problems;
    private final ReferenceChecker checker;
    private final CommandReader commands;
    private final WhenReader whens;
    private final List<Parameter> params;
    /** The compose template's text (null when the compose file is not a template). */
    private final String composeTemplate;

    StepReader(ManifestReader r, List<BundleProblem> problems, ReferenceChecker checker, CommandReader commands,
            List<Parameter> params, String composeTemplate) {
        this.r = r;
        this.problems = problems;
        this.checker = checker;
        this.commands = commands;
        this.whens = new WhenReader(r);
        this.params = params;
        this.composeTemplate = composeTemplate;
    }

    List<Stage> stages(MapNode m, Set<String> services) {
        List<Stage> stages = new ArrayList<>();
        for (YamlNode n : r.list(m, "stages", "bundle.yaml")) {
            MapNode s = r.map(n, "stages[]");
            if (s == null) {
                continue;
            }
            r.keys(s, "stages[]", "name", "label", "services", "ready", "timeout", "when");
            String name = r.text(s, "name", "stages[]", true);
            if (name == null) {
                continue;
            }
            String at = "stage " + name;
            checkStepName(s, name, at);
            if (stages.stream().anyMatch(x -> x.name().equals(name))) {
                r.problem(s.line(), "阶段 " + name + " 重复定义。", "stage " + name + " is defined twice.");
            }
            Localized label = r.localized(s, "label", at, true);
            List<String> svc = r.texts(s, "services", at);
            if (svc.isEmpty()) {
                r.problem(s.line(), at + " 没有列出任何服务。", at + " lists no services.");
            }
            Map<String, List<String>> when = whens.readChecked(s, at, params);
            checkServices(svc, servicesWhen(services, when), r.value(s, "services"), at);
            Readiness ready = readReadiness(s, at);
            Long timeout = r.integer(s, "timeout", at);
            stages.add(new Stage(name, label, svc, ready, timeout == null ? 120 : timeout.intValue(), when));
        }
        return stages;
    }

    /**
     * The compose services when a step's {@code when} is met: the compose template rendered with stand-ins whose
     * tested parameters take the first listed value. The default services when there is no condition or no
     * compose template; null when the file cannot be read that way (already reported or reported elsewhere).
     */
    private Set<String> servicesWhen(Set<String> defaults, Map<String, List<String>> when) {
        if (when.isEmpty() || composeTemplate == null || defaults == null) {
            return defaults;
        }
        Map<String, Object> ctx = StandIns.context(params);
        for (Map.Entry<String, List<String>> e : when.entrySet()) {
            Parameter p = params.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            if (p == null || e.getValue().isEmpty()) {
                return defaults; // reported by WhenReader
            }
            String v = e.getValue().get(0);
            ctx.put(p.name(), p.type() == ParamType.BOOL ? (Object) Boolean.valueOf(v) : v);
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(
                    TemplateEngine.render(composeTemplate, Format.COMPOSE, ctx));
            JsonNode services = root == null ? null : root.get("services");
            if (services == null || !services.isObject()) {
                return defaults;
            }
            Set<String> names = new LinkedHashSet<>();
            services.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException | MustacheException e) {
            return defaults;
        }
    }

    void checkStepName(MapNode s, String name, String at) {
        if (!STEP_NAME.matcher(name).matches()) {
            r.problem(r.value(s, "name").line(), at + "：名称只能包含小写字母、数字、_ 和 -。",
                    at + ": a name may only hold lower-case letters, digits, _ and -.");
        }
    }

    void checkServices(List<String> named, Set<String> services, YamlNode node, String at) {
        if (services == null) {
            return;
        }
        for (String svc : named) {
            if (!services.contains(svc)) {
                r.problem(node.line(), at + " 引用的服务 " + svc + " 不在 compose 文件中（有：" + String.join(", ", services)
                        + "）。", at + " names service " + svc + ", which the compose file does not define ("
                        + String.join(", ", services) + ").");
            }
        }
    }

    private Readiness readReadiness(MapNode s, String at) {
        YamlNode n = r.value(s, "ready");
        if (n == null) {
            return new Readiness.Healthy();
        }
        if (n instanceof Scalar sc && sc.token() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            switch (sc.text()) {
                case "healthy":
                    return new Readiness.Healthy();
                case "running":
                    return new Readiness.Running();
                case "exited0":
                    return new Readiness.Exited0();
                default:
                    break;
            }
        } else if (n instanceof MapNode rm) {
            if (r.has(rm, "http")) {
                r.keys(rm, at + ".ready", "http", "status");
                String url = r.text(rm, "http", at + ".ready", true);
                Long status = r.integer(rm, "status", at + ".ready");
                if (url != null) {
                    checker.check(url, ReferenceChecker.Mode.SAFE_ONLY, BundleLoader.MANIFEST, r.value(rm, "http").line(),
                            problems);
                    commands.refuseSecrets(url, r.value(rm, "http").line(), at + ".ready");
                    return new Readiness.Http(url, status == null ? 200 : status.intValue());
                }
                return null;
            }
            if (r.has(rm, "command")) {
                r.keys(rm, at + ".ready", "command");
                List<String> argv = commands.read(rm, "command", at + ".ready");
                return argv.isEmpty() ? null : new Readiness.Command(argv);
            }
        }
        r.problem(n.line(), at + " 的 ready 必须是 healthy、running、exited0、{http: URL, status: 200} 或 {command: [...]}。",
                at + ": ready must be healthy, running, exited0, {http: URL, status: 200} or {command: [...]}.");
        return null;
    }

    List<Hook> hooks(MapNode m, List<Stage> stages, Set<String> services) {
        List<Hook> hooks = new ArrayList<>();
        for (YamlNode n : r.list(m, "hooks", "bundle.yaml")) {
            MapNode h = r.map(n, "hooks[]");
            if (h == null) {
                continue;
            }
            r.keys(h, "hooks[]", "name", "after", "service", "command", "timeout");
            String name = r.text(h, "name", "hooks[]", true);
            if (name == null) {
                continue;
            }
            String at = "hook " + name;
            checkStepName(h, name, at);
            if (hooks.stream().anyMatch(x -> x.name().equals(name))) {
                r.problem(h.line(), "钩子 " + name + " 重复定义。", "hook " + name + " is defined twice.");
            }
            String after = r.text(h, "after", at, true);
            if (after != null && stages.stream().noneMatch(s -> s.name().equals(after))) {
                r.problem(r.value(h, "after").line(), at + " 的 after 引用了不存在的阶段 " + after + "。",
                        at + ": after names stage " + after + ", which is not defined.");
            }
            String service = r.text(h, "service", at, false);
            if (service != null) {
                // A hook runs only when its stage does, so it sees the services that stage's `when` brings in.
                Stage stage = stages.stream().filter(x -> x.name().equals(after)).findFirst().orElse(null);
                checkServices(List.of(service), stage == null ? services : servicesWhen(services, stage.when()),
                        r.value(h, "service"), at);
            }
            if (!r.has(h, "command")) {
                r.missing(h, "command", at);
            }
            List<String> command = commands.read(h, "command", at);
            Long timeout = r.integer(h, "timeout", at);
            hooks.add(new Hook(name, after, service, command, timeout == null ? 60 : timeout.intValue()));
        }
        return hooks;
    }

    List<Probe> probes(MapNode m) {
        List<Probe> probes = new ArrayList<>();
        for (YamlNode n : r.list(m, "probes", "bundle.yaml")) {
            MapNode p = r.map(n, "probes[]");
            if (p == null) {
                continue;
            }
            r.keys(p, "probes[]", "name", "url", "status", "contains", "when");
            String name = r.text(p, "name", "probes[]", true);
            String at = "probe " + name;
            String url = r.text(p, "url", at, true);
            Long status = r.integer(p, "status", at);
            String contains = r.text(p, "contains", at, false);
            if (url != null) {
                checker.check(url, ReferenceChecker.Mode.SAFE_ONLY, BundleLoader.MANIFEST, r.value(p, "url").line(),
                        problems);
                commands.refuseSecrets(url, r.value(p, "url").line(), at + ".url");
            }
            Map<String, List<String>> when = whens.readChecked(p, at, params);
            if (name != null && url != null) {
                probes.add(new Probe(name, url, status == null ? 200 : status.intValue(), contains, when));
            }
        }
        return probes;
    }

    List<Endpoint> endpoints(MapNode m) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (YamlNode n : r.list(m, "endpoints", "bundle.yaml")) {
            MapNode e = r.map(n, "endpoints[]");
            if (e == null) {
                continue;
            }
            r.keys(e, "endpoints[]", "label", "url", "note", "when");
            Localized label = r.localized(e, "label", "endpoints[]", true);
            String url = r.text(e, "url", "endpoints[]", true);
            Localized note = r.localized(e, "note", "endpoints[]", false);
            if (url != null) {
                checker.check(url, ReferenceChecker.Mode.SAFE_ONLY, BundleLoader.MANIFEST, r.value(e, "url").line(),
                        problems);
            }
            Map<String, List<String>> when = whens.readChecked(e, "endpoint " + (label == null ? "?" : label.en()),
                    params);
            if (label != null && url != null) {
                endpoints.add(new Endpoint(label, url, note, when));
            }
        }
        return endpoints;
    }
}
