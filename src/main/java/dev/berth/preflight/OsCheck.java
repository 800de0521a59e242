package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import java.util.List;
import java.util.Locale;

/**
 * The distribution must be one the bundle was tested on, matched by ID or any ID_LIKE word. An unknown one is a
 * warning, never a failure: Docker runs the same on most distributions.
 */
final class OsCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        if (in.req().osFamilies().isEmpty()) {
            return List.of();
        }
        var os = in.facts().host().os();
        List<String> accepted = in.req().osFamilies().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        String list = String.join(", ", accepted);
        return List.of(Judge.check("os", of("操作系统", "Operating system"))
                .when(!os.isKnown(), Outcome.WARN,
                        () -> of("无法读取 /etc/os-release，不知道服务器是哪种 Linux。",
                                "Berth could not read /etc/os-release, so the Linux distribution is unknown."),
                        () -> of("可以继续安装，但本安装包只在这些系统上测试过：" + list + "。",
                                "You may continue, but the bundle was tested only on: " + list + "."))
                .when(os.families().stream().noneMatch(accepted::contains), Outcome.WARN,
                        () -> of("服务器系统是 " + os.display() + "，不在本安装包测试过的系统之列。",
                                "The server runs " + os.display() + ", which the bundle was not tested on."),
                        () -> of("可以继续安装；如遇问题，请改用这些系统之一：" + list + "。",
                                "You may continue; if something fails, use one of: " + list + "."))
                .otherwise(Outcome.PASS, () -> of("服务器系统是 " + os.display() + "。",
                        "The server runs " + os.display() + ".")));
    }
}
