package dev.berth.ui.checks;

import dev.berth.preflight.PreflightReport;

/** The recorded preflight fixtures of this package, for window-wide tests outside it. */
public final class ChecksFixtures {
    private ChecksFixtures() {}

    /** Coze Studio checked against the recorded CentOS 7 probe (see ChecksViewModelTest). */
    public static PreflightReport cozeOnCentos() {
        return ChecksViewModelTest.cozeOnCentos();
    }
}
