package dev.berth.ui.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Bundle;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.Preflight;
import dev.berth.preflight.PreflightContext;
import dev.berth.preflight.PreflightReport;
import dev.berth.target.Fixtures;
import dev.berth.text.Localized;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checks list from preflight results: coze-studio judged against a recorded CentOS 7 probe (public source of the
 * fixture: see src/test/resources/probe/), and hand-made warn-only reports.
 */
class ChecksViewModelTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs);
    private final ChecksViewModel vm = new ChecksViewModel(model);

    static PreflightReport cozeOnCentos() {
        Bundle coze = UiTestModels.bundle("coze-studio");
        return Preflight.run(coze.requirements(), Fixtures.facts("centos7.txt"), Map.of("WEB_PORT", 8888),
                PreflightContext.of("coze-studio"));
    }

    @Test
    void aFailedReportIsListedAndBlocksNext() {
        PreflightReport report = cozeOnCentos();
        model.reportProperty().set(report);
        assertEquals(report.results(), List.copyOf(vm.results()));
        assertEquals(Outcome.FAIL, vm.worstProperty().get());
        assertFalse(vm.isValid(), "a failed check blocks Next");
        CheckResult sysctl = vm.results().stream().filter(r -> r.id().equals("sysctl:vm.max_map_count")).findFirst()
                .orElseThrow(() -> new AssertionError(vm.results().toString()));
        assertTrue(sysctl.outcome() != Outcome.PASS && sysctl.fix().isPresent(), "Berth offers to raise vm.max_map_count");
    }

    private static CheckResult result(String id, Outcome o) {
        return new CheckResult(id, o, Localized.same(id), Localized.same("reason of " + id), Localized.same("do this"),
                Optional.empty());
    }

    @Test
    void aWarningIsAskedAboutOnce() {
        PreflightReport warn = new PreflightReport(List.of(result("cpu", Outcome.PASS), result("memory", Outcome.WARN)),
                Outcome.WARN, null);
        model.reportProperty().set(warn);
        assertTrue(vm.isValid(), "warnings let the operator go on");
        dialogs.confirmAnswer = false;
        assertFalse(vm.beforeNext(), "declining the warning stays on the step");
        dialogs.confirmAnswer = true;
        assertTrue(vm.beforeNext());
        assertTrue(vm.beforeNext());
        assertEquals(2, dialogs.questions.size(), "asked until accepted, then not again");
    }

    @Test
    void aPassingReportGoesOnWithoutAsking() {
        model.reportProperty().set(new PreflightReport(List.of(result("cpu", Outcome.PASS)), Outcome.PASS, null));
        assertTrue(vm.isValid());
        assertTrue(vm.beforeNext());
        assertTrue(dialogs.questions.isEmpty());
    }
}
