package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks {@code migrations:} of bundle.yaml (see {@link Migration}). */
final class MigrationReader {
    /** One or more comparisons with a dotted version, such as {@code ">=4.0 <4.1.0"}. */
    static final Pattern FROM = Pattern.compile("(?:(?:>=|<=|>|<|=)\\d+(?:\\.\\d+)*)(?: +(?:>=|<=|>|<|=)\\d+(?:\\.\\d+)*)*");

    private final ManifestReader r;
    private final StepReader steps;
    private final CommandReader commands;

    MigrationReader(ManifestReader r, StepReader steps, CommandReader commands) {
        this.r = r;
        this.steps = steps;
        this.commands = commands;
    }

    List<Migration> read(MapNode m, List<Stage> stages, Set<String> services, List<Hook> hooks) {
        List<Migration> out = new ArrayList<>();
        for (YamlNode n : r.list(m, "migrations", "bundle.yaml")) {
            MapNode g = r.map(n, "migrations[]");
            if (g == null) {
                continue;
            }
            r.keys(g, "migrations[]", "name", "from", "after", "service", "command", "timeout");
            String name = r.text(g, "name", "migrations[]", true);
            if (name == null) {
                continue;
            }
            String at = "migration " + name;
            steps.checkStepName(g, name, at);
            if (out.stream().anyMatch(x -> x.name().equals(name)) || hooks.stream().anyMatch(h -> h.name().equals(name))) {
                r.problem(g.line(), "迁移 " + name + " 重复定义（或与某个钩子同名）。",
                        "migration " + name + " is defined twice (or shares its name with a hook).");
            }
            String from = r.text(g, "from", at, true);
            if (from != null && !FROM.matcher(from.strip()).matches()) {
                r.problem(r.value(g, "from").line(), at + " 的 from 必须是版本比较，例如 \">=4.0.0 <4.1.0\"。",
                        at + ": from must be version comparisons such as \">=4.0.0 <4.1.0\".");
            }
            String after = r.text(g, "after", at, true);
            if (after != null && stages.stream().noneMatch(s -> s.name().equals(after))) {
                r.problem(r.value(g, "after").line(), at + " 的 after 引用了不存在的阶段 " + after + "。",
                        at + ": after names stage " + after + ", which is not defined.");
            }
            String service = r.text(g, "service", at, false);
            if (service != null) {
                steps.checkServices(List.of(service), services, r.value(g, "service"), at);
            }
            if (!r.has(g, "command")) {
                r.missing(g, "command", at);
            }
            List<String> command = commands.read(g, "command", at);
            Long timeout = r.integer(g, "timeout", at);
            if (timeout != null && (timeout < 1 || timeout > 86400)) {
                r.problem(r.value(g, "timeout").line(), at + " 的 timeout 必须在 1 到 86400 秒之间。",
                        at + ": timeout must be between 1 and 86400 seconds.");
            }
            if (from != null && after != null) {
                out.add(new Migration(name, from.strip(), after, service, command,
                        timeout == null ? 600 : timeout.intValue()));
            }
        }
        return out;
    }
}
