package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import java.util.List;

/**
 * Memory, judged on MemTotal with slack. MemTotal is the RAM left after the firmware and the kernel took their
 * share, so a "16 GB" server shows about 15.5 GiB (and one with a crash kernel reservation even less). The rule:
 * MemTotal must be at least {@value #SLACK} × the requirement — 16 GiB accepts MemTotal ≥ 14.4 GiB, which real
 * 16 GiB machines reach and an 8 or 12 GiB one does not. Below the recommendation (same slack) is a warning;
 * so is MemAvailable below the minimum, which means other programs already use the memory the bundle needs.
 */
final class MemoryCheck implements Analyzer {
    static final double SLACK = 0.9;

    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Double min = in.req().minMemoryGiB();
        Double rec = in.req().recommendedMemoryGiB();
        if (min == null && rec == null) {
            return List.of();
        }
        Long total = in.facts().host().memTotalKiB();
        Long avail = in.facts().host().memAvailableKiB();
        String have = total == null ? "?" : Units.gibFromKib(total);
        return List.of(Judge.check("memory", of("内存", "Memory"))
                .when(total == null, Outcome.WARN,
                        () -> of("无法读取服务器的内存大小。", "Berth could not read the server's memory size."),
                        () -> of("请在服务器上运行 free -g 确认内存。", "Run free -g on the server to check its memory."))
                .when(min != null && total != null && total < min * SLACK * Units.KIB_PER_GIB, Outcome.FAIL,
                        () -> of("服务器内存为 " + have + "，本安装包至少需要 " + Units.number(min) + " GiB。",
                                "The server has " + have + " of memory; the bundle needs at least "
                                        + Units.number(min) + " GiB."),
                        () -> of("请为服务器增加内存，或换一台内存更大的服务器。",
                                "Add memory to the server, or use one with more memory."))
                .when(rec != null && total != null && total < rec * SLACK * Units.KIB_PER_GIB, Outcome.WARN,
                        () -> of("服务器内存为 " + have + "，建议 " + Units.number(rec) + " GiB 以上。",
                                "The server has " + have + " of memory; " + Units.number(rec)
                                        + " GiB or more is recommended."),
                        () -> of("可以继续安装；负载高时可能内存不足，建议增加内存或开启 swap。",
                                "You may continue; under load it may run short, so add memory or enable swap."))
                .when(min != null && avail != null && avail < min * SLACK * Units.KIB_PER_GIB, Outcome.WARN,
                        () -> of("服务器内存共 " + have + "，但目前只有 " + Units.gibFromKib(avail) + " 空闲，其他程序占用了内存。",
                                "The server has " + have + " of memory but only " + Units.gibFromKib(avail)
                                        + " is free because other programs use it."),
                        () -> of("请停掉服务器上不需要的程序后再安装。",
                                "Stop programs the server does not need before installing."))
                .otherwise(Outcome.PASS, () -> of("服务器内存为 " + have + "。", "The server has " + have
                        + " of memory.")));
    }
}
