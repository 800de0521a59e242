package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks {@code backup:} of bundle.yaml (see {@link BackupRecipe}). */
final class BackupReader {
    private final ManifestReader r;
    private final StepReader steps;
    private final CommandReader commands;

    BackupReader(ManifestReader r, StepReader steps, CommandReader commands) {
        this.r = r;
        this.steps = steps;
        this.commands = commands;
    }

    BackupRecipe read(MapNode m, Set<String> services) {
        if (!r.has(m, "backup")) {
            return BackupRecipe.STOP_ALL;
        }
        MapNode b = r.map(m, "backup", "bundle.yaml");
        if (b == null) {
            return BackupRecipe.STOP_ALL;
        }
        r.keys(b, "backup", "commands", "stop");
        List<BackupRecipe.Command> out = new ArrayList<>();
        int position = 0;
        for (YamlNode n : r.list(b, "commands", "backup")) {
            position++;
            MapNode c = r.map(n, "backup.commands[]");
            if (c == null) {
                continue;
            }
            r.keys(c, "backup.commands[]", "service", "command", "output", "timeout");
            // Its place in the list as written, whatever was refused before it.
            String at = "backup.commands[" + position + "]";
            String service = r.text(c, "service", at, true);
            if (service != null) {
                steps.checkServices(List.of(service), services, r.value(c, "service"), at);
            }
            if (!r.has(c, "command")) {
                r.missing(c, "command", at);
            }
            List<String> command = commands.read(c, "command", at);
            String output = r.text(c, "output", at, false);
            if (output != null && (!DataDirReader.DATA_PATH.matcher(output).matches() || output.contains("/")
                    || output.startsWith("."))) {
                r.problem(r.value(c, "output").line(), at + " 的 output 必须是一个文件名（字母、数字、._-）。",
                        at + ": output must be a plain file name of letters, digits and ._-.");
            } else if (output != null && out.stream().anyMatch(x -> output.equals(x.output()))) {
                r.problem(r.value(c, "output").line(), at + " 的 output " + output + " 已被另一条命令使用。",
                        at + ": output " + output + " is already written by another command.");
            }
            Long timeout = r.integer(c, "timeout", at);
            if (timeout != null && (timeout < 1 || timeout > 86400)) {
                r.problem(r.value(c, "timeout").line(), at + " 的 timeout 必须在 1 到 86400 秒之间。",
                        at + ": timeout must be between 1 and 86400 seconds.");
            }
            if (service != null) {
                out.add(new BackupRecipe.Command(service, command, output, timeout == null ? 600 : timeout.intValue()));
            }
        }
        List<String> stop = null;
        if (r.has(b, "stop")) {
            stop = new ArrayList<>();
            for (YamlNode n : r.list(b, "stop", "backup")) {
                String s = r.text(n, "backup.stop[]");
                if (s != null) {
                    stop.add(s);
                }
            }
            steps.checkServices(stop, services, r.value(b, "stop"), "backup.stop");
        }
        return new BackupRecipe(out, stop);
    }
}
