package dev.berth.ui.checks;

import dev.berth.deploy.Deployer;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Fix;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.text.Localized;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 3: the server's preflight as a list of pass / warn / fail with reasons and remedies. A fail blocks Next; a
 * warning is asked about once; a fix Berth can apply has its own button.
 */
public final class ChecksViewModel extends StepModel {
    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final ObjectProperty<Outcome> worst = new SimpleObjectProperty<>();
    private boolean warningsAccepted;

    public ChecksViewModel(WizardModel model) {
        super(model);
        model.reportProperty().addListener((o, a, r) -> show(r));
    }

    @Override
    public Step step() {
        return Step.CHECKS;
    }

    @Override
    public void enter() {
        if (model.reportProperty().get() == null) {
            checkAgain();
        }
    }

    private void show(PreflightReport r) {
        if (r == null) {
            results.clear();
            worst.set(null);
            valid.set(false);
            return;
        }
        results.setAll(r.results());
        worst.set(r.worst());
        warningsAccepted = false;
        valid.set(r.canProceed());
    }

    /** Probes the server and judges it against the bundle (default ports: the settings come later). */
    public void checkAgain() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problem.set(null);
        valid.set(false);
        var bundle = model.bundle();
        var layout = model.layout();
        String host = model.host();
        model.executor().run(() -> {
            RemoteShell shell = model.shell();
            try {
                PreflightReport report = ServerPreflight.run(shell, bundle, null, layout.installDir(), host).report();
                // What the server keeps for this install (generated secrets above all), before the settings are built;
                // unreadable answers stop here, loudly. A failed report (no sudo, say) is shown as it is.
                Map<String, Object> previous = !report.canProceed() ? Map.of()
                        : new Deployer(shell, report.facts().access().privilege(), layout, Clock.systemUTC()).previousAnswers();
                return new Checked(report, previous);
            } catch (dev.berth.ssh.SshException e) {
                model.dropIfCurrent(shell); // the next try reconnects
                throw e;
            }
        }, checked -> {
            busy.set(false);
            model.serverAnswersProperty().set(Collections.unmodifiableMap(new LinkedHashMap<>(checked.previous())));
            model.reportProperty().set(checked.report());
            show(checked.report());
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private record Checked(PreflightReport report, Map<String, Object> previous) {}

    /** Applies a remedy Berth knows (raise a sysctl, …), then checks again. */
    public void applyFix(CheckResult result) {
        Fix fix = result.fix().orElse(null);
        if (fix == null || busy.get()) {
            return;
        }
        var i18n = model.i18n();
        if (!model.dialogs().confirm(i18n.get("checks.fix.title"), i18n.get("checks.fix.question", i18n.t(fix.label())))) {
            return;
        }
        busy.set(true);
        model.executor().run(() -> {
            RemoteShell shell = model.shell();
            return shell.exec(fix.command(), Duration.ofMinutes(2));
        }, (ExecResult r) -> {
            busy.set(false);
            if (!r.ok()) {
                problem.set(Localized.of("修复没有成功：" + r.stderr().strip(), "The fix did not work: " + r.stderr().strip()));
                return;
            }
            checkAgain();
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    @Override
    public boolean beforeNext() {
        if (worst.get() == Outcome.WARN && !warningsAccepted) {
            var i18n = model.i18n();
            warningsAccepted = model.dialogs().confirm(i18n.get("checks.warn.title"), i18n.get("checks.warn.question"));
            return warningsAccepted;
        }
        return true;
    }

    public ObservableList<CheckResult> results() {
        return results;
    }

    public ObjectProperty<Outcome> worstProperty() {
        return worst;
    }
}
