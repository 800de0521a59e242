package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import java.util.List;

/** CPU cores: fail below the minimum, warn below the recommendation. */
final class CpuCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Integer min = in.req().minCores();
        Integer rec = in.req().recommendedCores();
        if (min == null && rec == null) {
            return List.of();
        }
        Integer cores = in.facts().host().cores();
        return List.of(Judge.check("cores", of("CPU 核数", "CPU cores"))
                .when(cores == null, Outcome.WARN,
                        () -> of("无法确定服务器的 CPU 核数。", "Berth could not count the server's CPU cores."),
                        () -> of("请在服务器上运行 nproc 确认核数。", "Run nproc on the server to check the core count."))
                .when(min != null && cores != null && cores < min, Outcome.FAIL,
                        () -> of("服务器只有 " + cores + " 个 CPU 核，至少需要 " + min + " 个。",
                                "The server has " + cores + " CPU cores; the bundle needs at least " + min + "."),
                        () -> of("请换一台更强的服务器，或为虚拟机增加 CPU 核数。",
                                "Use a bigger server, or give the virtual machine more CPU cores."))
                .when(rec != null && cores != null && cores < rec, Outcome.WARN,
                        () -> of("服务器有 " + cores + " 个 CPU 核，建议 " + rec + " 个以上，运行可能较慢。",
                                "The server has " + cores + " CPU cores; " + rec
                                        + " or more are recommended, so it may be slow."),
                        () -> of("可以继续安装；如果响应慢，请增加 CPU 核数。",
                                "You may continue; add CPU cores if it turns out slow."))
                .otherwise(Outcome.PASS, () -> of("服务器有 " + cores + " 个 CPU 核。",
                        "The server has " + cores + " CPU cores.")));
    }
}
