package dev.berth.preflight;

import dev.berth.target.Facts;
import java.util.List;

/** Every check's result in a stable order, the worst outcome among them, and the facts they were judged on. */
public record PreflightReport(List<CheckResult> results, Outcome worst, Facts facts) {
    public PreflightReport {
        results = List.copyOf(results);
    }

    /** True when nothing failed: warnings let the operator go on. */
    public boolean canProceed() {
        return worst != Outcome.FAIL;
    }

    public List<CheckResult> withOutcome(Outcome o) {
        return results.stream().filter(r -> r.outcome() == o).toList();
    }

    public java.util.Optional<CheckResult> find(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
