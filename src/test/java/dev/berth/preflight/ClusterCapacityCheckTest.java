package dev.berth.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.bundle.Requirements;
import dev.berth.target.Facts;
import dev.berth.target.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cluster's cores and memory judged on its nodes together, with one server's rules. */
class ClusterCapacityCheckTest {
    private static Facts node(int cores, long memGiB) {
        Facts f = Fixtures.facts("local-debian12.txt");
        Facts.Host h = f.host();
        Facts.Host host = new Facts.Host(h.arch(), h.kernel(), h.hostname(), h.os(), cores, h.cpuFlags(), h.cpuModel(),
                memGiB * 1024 * 1024, memGiB * 1024 * 1024, h.swapTotalKiB());
        return new Facts(f.complete(), host, f.access(), f.disk(), f.installDir(), f.nvidia(), f.docker(), f.ports(),
                f.sysctl(), f.limits(), f.tools(), f.raw());
    }

    private static Requirements needs(Integer minCores, Integer recCores, Double minMem, Double recMem) {
        return new Requirements(null, null, minCores, recCores, minMem, recMem, null, null, null, null, false, null,
                null, null, null);
    }

    @Test
    void threeNodesTogetherPassWhatNoneOfThemHasAlone() {
        List<CheckResult> r = ClusterCapacityCheck.judge(needs(16, null, 48.0, null),
                List.of(node(8, 20), node(4, 16), node(4, 16)));
        assertEquals(List.of(Outcome.PASS, Outcome.PASS), r.stream().map(CheckResult::outcome).toList());
        assertEquals("The 3 nodes have 16 CPU cores together.", r.get(0).reason().en());
    }

    @Test
    void tooLittleTogetherFailsAndBelowTheRecommendationWarns() {
        List<CheckResult> r = ClusterCapacityCheck.judge(needs(16, null, null, 64.0),
                List.of(node(8, 20), node(4, 16)));
        assertEquals(Outcome.FAIL, r.get(0).outcome());
        assertEquals("The 2 nodes have 12 CPU cores together; the bundle needs at least 16.", r.get(0).reason().en());
        assertEquals(Outcome.WARN, r.get(1).outcome());
        assertEquals("cluster-memory", r.get(1).id());
    }

    @Test
    void aBundleThatAsksNothingGetsNoRows() {
        assertEquals(List.of(), ClusterCapacityCheck.judge(needs(null, null, null, null), List.of(node(2, 4))));
    }
}
