package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.bundle.Requirements;
import dev.berth.target.Facts;
import java.util.List;

/**
 * A cluster's CPU cores and memory, judged on all its nodes together: the bundle's requirements are the whole stack's,
 * which a cluster spreads over its nodes, so one node below them is no failure while the nodes together are not.
 * The same rules as one server's (memory with {@link MemoryCheck#SLACK}); a node that did not say counts as none.
 */
public final class ClusterCapacityCheck {
    private ClusterCapacityCheck() {}

    public static List<CheckResult> judge(Requirements req, List<Facts> nodes) {
        int cores = nodes.stream().map(f -> f.host().cores()).mapToInt(c -> c == null ? 0 : c).sum();
        long kib = nodes.stream().map(f -> f.host().memTotalKiB()).mapToLong(m -> m == null ? 0 : m).sum();
        Integer minCores = req.minCores();
        Integer recCores = req.recommendedCores();
        Double minMem = req.minMemoryGiB();
        Double recMem = req.recommendedMemoryGiB();
        String n = Integer.toString(nodes.size());
        String have = Units.gibFromKib(kib);
        CheckResult cpu = Judge.check("cluster-cores", of("CPU 核数（所有节点）", "CPU cores (all nodes)"))
                .when(minCores != null && cores < minCores, Outcome.FAIL,
                        () -> of(n + " 个节点共有 " + cores + " 个 CPU 核，本安装包至少需要 " + minCores + " 个。",
                                "The " + n + " nodes have " + cores + " CPU cores together; the bundle needs at least "
                                        + minCores + "."),
                        () -> of("请增加节点或为节点增加 CPU 核数。", "Add a node, or give the nodes more CPU cores."))
                .when(recCores != null && cores < recCores, Outcome.WARN,
                        () -> of(n + " 个节点共有 " + cores + " 个 CPU 核，建议 " + recCores + " 个以上。",
                                "The " + n + " nodes have " + cores + " CPU cores together; " + recCores
                                        + " or more are recommended."),
                        () -> of("可以继续安装；如果响应慢，请增加 CPU 核数。", "You may continue; add CPU cores if it turns out slow."))
                .otherwise(Outcome.PASS, () -> of(n + " 个节点共有 " + cores + " 个 CPU 核。",
                        "The " + n + " nodes have " + cores + " CPU cores together."));
        CheckResult mem = Judge.check("cluster-memory", of("内存（所有节点）", "Memory (all nodes)"))
                .when(minMem != null && kib < minMem * MemoryCheck.SLACK * Units.KIB_PER_GIB, Outcome.FAIL,
                        () -> of(n + " 个节点共有 " + have + " 内存，本安装包至少需要 " + Units.number(minMem) + " GiB。",
                                "The " + n + " nodes have " + have + " of memory together; the bundle needs at least "
                                        + Units.number(minMem) + " GiB."),
                        () -> of("请增加节点或为节点增加内存。", "Add a node, or give the nodes more memory."))
                .when(recMem != null && kib < recMem * MemoryCheck.SLACK * Units.KIB_PER_GIB, Outcome.WARN,
                        () -> of(n + " 个节点共有 " + have + " 内存，建议 " + Units.number(recMem) + " GiB 以上。",
                                "The " + n + " nodes have " + have + " of memory together; " + Units.number(recMem)
                                        + " GiB or more is recommended."),
                        () -> of("可以继续安装；负载高时可能内存不足。", "You may continue; under load it may run short."))
                .otherwise(Outcome.PASS, () -> of(n + " 个节点共有 " + have + " 内存。",
                        "The " + n + " nodes have " + have + " of memory together."));
        List<CheckResult> out = new java.util.ArrayList<>();
        if (minCores != null || recCores != null) {
            out.add(cpu);
        }
        if (minMem != null || recMem != null) {
            out.add(mem);
        }
        return out;
    }
}
