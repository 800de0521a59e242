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

    /** This report with more results appended (a bundle's {@code checks:}, judged separately), worst updated. */
    public PreflightReport plus(List<CheckResult> more) {
        List<CheckResult> all = new java.util.ArrayList<>(results);
        Outcome w = worst;
        for (CheckResult r : more) {
            all.add(r);
            w = w.worse(r.outcome());
        }
        return new PreflightReport(all, w, facts);
    }

    public java.util.Optional<CheckResult> find(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
