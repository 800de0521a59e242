package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the argv lists of hooks, actions and {@code ready: {command: ...}}, and keeps secrets out of every argv and
 * URL Berth runs with.
 */
final class CommandReader {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh");
    /** A group of short options ({@code -ec}, {@code +x}); with a {@code c} in it the first operand is a script. */
    private static final Pattern SHORT_FLAGS = Pattern.compile("[-+][A-Za-z]+");

    private final ManifestReader r;
    private final List<BundleProblem> problems;
    private final ReferenceChecker checker;

    CommandReader(ManifestReader r, List<BundleProblem> problems, ReferenceChecker checker) {
        this.r = r;
        this.problems = problems;
        this.checker = checker;
    }

    /** An argv list; elements are templates checked for references (a shell's -c script is quoted as shell). */
    List<String> read(MapNode m, String key, String at) {
        YamlNode node = r.value(m, key);
        List<String> argv = r.texts(m, key, at);
        if (node != null && argv.isEmpty()) {
            r.problem(node.line(), at + "." + key + " 不能为空。", at + "." + key + " cannot be empty.");
        }
        for (int i = 0; i < argv.size(); i++) {
            int line = node instanceof YamlNode.ListNode l && i < l.items().size() ? l.items().get(i).line()
                    : node.line();
            checker.check(argv.get(i), isShellScript(argv, i) ? ReferenceChecker.Mode.QUOTED
                    : ReferenceChecker.Mode.ANY, BundleLoader.MANIFEST, line, problems);
            refuseSecrets(argv.get(i), line, at + "." + key);
        }
        return argv;
    }

    /**
     * Secrets never go into an argv or a URL: those land in the 0755 plan script, the journal and {@code ps}.
     */
    void refuseSecrets(String text, int line, String at) {
        for (String name : checker.secretValues(text)) {
            r.problem(line, at + " 中插入了密钥 " + name + "：命令行参数和网址会出现在部署计划脚本和进程列表中。"
                    + "请改为通过文件（引用它的模板会以 0600 写入，例如 conf/x.sh 再用 . 读入）或环境变量（.env）传递。",
                    at + " inserts the secret " + name + ", and an argv or URL shows up in the plan script and the"
                            + " process list; pass it through a file or the environment instead (a template that"
                            + " references it is written 0600, e.g. conf/x.sh read with '.', or .env).");
        }
    }

    /**
     * True for the script argument of {@code sh -c SCRIPT} and the like ({@code /bin/sh -ec}, {@code bash -lc},
     * {@code dash -e -c}, {@code bash -o pipefail -c}; sh, bash, dash, ash, zsh): it is parsed by a shell. As the
     * shells do: options run up to the first operand (or {@code --}), {@code -o}/{@code -O} take the next word, and
     * when any option group holds {@code c} the first operand is the script.
     */
    static boolean isShellScript(List<String> argv, int index) {
        if (index < 2 || index >= argv.size()) {
            return false;
        }
        String cmd = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (!SHELLS.contains(cmd)) {
            return false;
        }
        boolean script = false;
        int i = 1;
        while (i < argv.size()) {
            String a = argv.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.startsWith("--") && a.length() > 2) {
                i++; // bash's long options (--norc, --login) take no value
                continue;
            }
            if (!SHORT_FLAGS.matcher(a).matches()) {
                break;
            }
            if (a.startsWith("-") && a.indexOf('c') > 0) {
                script = true;
            }
            i += (a.endsWith("o") || a.endsWith("O")) ? 2 : 1;
        }
        return script && index == i;
    }
}
