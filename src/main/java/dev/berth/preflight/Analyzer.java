package dev.berth.preflight;

import java.util.List;

/** A pure judge of facts against requirements. Returns nothing when its requirement is absent. */
@FunctionalInterface
public interface Analyzer {
    List<CheckResult> analyze(PreflightInput in);
}
