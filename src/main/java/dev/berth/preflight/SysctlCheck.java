package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.Facts;
import dev.berth.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kernel settings with a minimum (vm.max_map_count for Elasticsearch). A low value comes with a Fix that raises it
 * now and keeps it across reboots in {@value #CONF}.
 */
final class SysctlCheck implements Analyzer {
    static final String CONF = "/etc/sysctl.d/99-berth.conf";

    /**
     * Sets $1 to $2 now and writes "$1 = $2" into the file $3, replacing an earlier line for the same key. The key
     * and value arrive as arguments, never spliced into the script.
     */
    static final String SCRIPT = "set -e\n"
            + "key=\"$1\"; value=\"$2\"; conf=\"$3\"\n"
            + "sysctl -w \"$key=$value\" >/dev/null\n"
            + "mkdir -p \"$(dirname \"$conf\")\"\n"
            + "tmp=\"$conf.berth-tmp\"\n"
            + "{ if [ -f \"$conf\" ]; then awk -v k=\"$key\" '{ l = $0; sub(/^[ \\t]*/, \"\", l);"
            + " split(l, a, /[ \\t]*=/); if (a[1] != k) print $0 }' \"$conf\"; fi;"
            + " printf '%s = %s\\n' \"$key\" \"$value\"; } > \"$tmp\"\n"
            + "mv \"$tmp\" \"$conf\"\n";

    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        List<CheckResult> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(in.req().sysctl()).entrySet()) {
            out.add(judge(e.getKey(), e.getValue(), in.facts()));
        }
        return out;
    }

    static CheckResult judge(String key, long min, Facts f) {
        var value = f.sysctl().number(key);
        return Judge.check("sysctl:" + key, of("内核参数 " + key, "Kernel setting " + key))
                .when(value.isEmpty(), Outcome.WARN,
                        () -> of("无法读取内核参数 " + key + "。", "Berth could not read the kernel setting " + key + "."),
                        () -> of("请运行 sysctl " + key + " 确认它不小于 " + min + "。",
                                "Run sysctl " + key + " and make sure it is at least " + min + "."))
                .when(value.isPresent() && value.get() < min, Outcome.FAIL,
                        () -> of(key + " 当前为 " + value.get() + "，本安装包需要至少 " + min + "。",
                                key + " is " + value.get() + "; the bundle needs at least " + min + "."),
                        () -> of("让 Berth 立即调整并写入 " + CONF + "（重启后仍有效），或手动运行 sysctl -w " + key + "=" + min + "。",
                                "Let Berth raise it now and keep it in " + CONF + " across reboots, or run sysctl -w "
                                        + key + "=" + min + " yourself."),
                        () -> fix(key, min, f))
                .otherwise(Outcome.PASS, () -> of(key + " = " + value.get() + "。", key + " = " + value.get() + "."));
    }

    static Fix fix(String key, long value, Facts f) {
        RemoteCommand c = RemoteCommand.of("sh", "-c", SCRIPT, "berth-sysctl", key, Long.toString(value), CONF)
                .withPrivilege(f.access().privilege());
        return new Fix(c, of("把 " + key + " 调整为 " + value + " 并永久保存",
                "Set " + key + " to " + value + " now and after reboots"));
    }
}
