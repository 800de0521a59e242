package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks {@code actions:} of bundle.yaml (see {@link Action}): operator commands run on demand. */
final class ActionReader {
    private final ManifestReader r;
    private final StepReader steps;
    private final CommandReader commands;

    ActionReader(ManifestReader r, StepReader steps, CommandReader commands) {
        this.r = r;
        this.steps = steps;
        this.commands = commands;
    }

    List<Action> read(MapNode m, Set<String> services) {
        List<Action> actions = new ArrayList<>();
        for (YamlNode n : r.list(m, "actions", "bundle.yaml")) {
            MapNode a = r.map(n, "actions[]");
            if (a == null) {
                continue;
            }
            r.keys(a, "actions[]", "name", "label", "help", "service", "command", "output", "timeout");
            String name = r.text(a, "name", "actions[]", true);
            if (name == null) {
                continue;
            }
            String at = "action " + name;
            steps.checkStepName(a, name, at);
            if (actions.stream().anyMatch(x -> x.name().equals(name))) {
                r.problem(a.line(), "操作 " + name + " 重复定义。", "action " + name + " is defined twice.");
            }
            Localized label = r.localized(a, "label", at, true);
            Localized help = r.localized(a, "help", at, false);
            String service = r.text(a, "service", at, false);
            if (service != null) {
                steps.checkServices(List.of(service), services, r.value(a, "service"), at);
            }
            if (!r.has(a, "command")) {
                r.missing(a, "command", at);
            }
            List<String> command = commands.read(a, "command", at);
            String output = r.text(a, "output", at, false);
            if (output != null && (!DataDirReader.DATA_PATH.matcher(output).matches()
                    || List.of(output.split("/")).contains("..") || output.startsWith("."))) {
                r.problem(r.value(a, "output").line(), at + " 的 output 必须是数据目录下不含 .. 的相对文件路径（字母、数字、._-）。",
                        at + ": output must be a file path relative to the data folder, of letters, digits and ._-"
                                + " without '..'.");
            }
            Long timeout = r.integer(a, "timeout", at);
            actions.add(new Action(name, label, help, service, command, output,
                    timeout == null ? 600 : timeout.intValue()));
        }
        return actions;
    }
}
