package dev.berth.ui.review;

import dev.berth.bundle.RenderedFile;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.LiveFiles;
import dev.berth.deploy.PreparedRelease;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.time.Clock;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 6: checks the server once more with the final answers (their ports, their model endpoints), then prepares
 * the release exactly as the deploy will send it: the plan in order and the rendered files, secrets masked.
 */
public final class ReviewViewModel extends StepModel {
    private final ObservableList<CheckResult> failures = FXCollections.observableArrayList();
    private final ObservableList<RenderedFile> files = FXCollections.observableArrayList();
    private final ObjectProperty<RenderedFile> shownFile = new SimpleObjectProperty<>();
    private final StringProperty shownText = new SimpleStringProperty("");
    /** What this release changes in the live one's files (a redeploy), secrets masked; empty on a first deploy. */
    private final StringProperty changes = new SimpleStringProperty("");
    private List<String> secrets = List.of();

    public ReviewViewModel(WizardModel model) {
        super(model);
        shownFile.addListener((o, a, f) -> shownText.set(f == null ? "" : SecretMask.mask(f.text(), secrets)));
    }

    @Override
    public Step step() {
        return Step.REVIEW;
    }

    @Override
    public void enter() {
        prepare();
    }

    public void prepare() {
        if (busy.get()) {
            return;
        }
        var bundle = model.bundle();
        var answers = model.answers();
        var layout = model.layout();
        var images = model.imagesDirProperty().get();
        String host = model.host();
        busy.set(true);
        valid.set(false);
        problem.set(null);
        failures.clear();
        files.clear();
        changes.set("");
        model.preparedProperty().set(null);
        model.executor().run(() -> {
            var shell = model.shell();
            PreflightReport report = ServerPreflight.run(shell, bundle, answers, layout.installDir(), host)
                    .report();
            if (report.worst() == Outcome.FAIL) {
                return new Prepared(report, null, "");
            }
            Deployer deployer = new Deployer(shell, report.facts().access().privilege(), layout, Clock.systemUTC());
            PreparedRelease release = deployer.prepare(report.facts(), bundle, answers, images, host);
            // Read as root: the probe's own view of a previous release runs as the login, which may not see it.
            var live = LiveFiles.read(shell, layout, release.rendered().files().stream().map(RenderedFile::path).toList(),
                    report.facts().access().privilege());
            var previous = deployer.previousAnswers();
            String diff = upgrade(release, model.i18n()::t)
                    + changedSecrets(release, previous, name -> model.i18n().get("review.secretChanged", name))
                    + (live.isEmpty() ? "" : changes(release, live, previousSecrets(bundle, previous)));
            return new Prepared(report, release, diff);
        }, p -> {
            busy.set(false);
            model.reportProperty().set(p.report());
            if (p.release() == null) {
                failures.setAll(p.report().withOutcome(Outcome.FAIL));
                problem.set(dev.berth.text.Localized.of("按这些设置，服务器没有通过检查；请返回修改。",
                        "With these settings the server fails a check; go back and change them."));
                return;
            }
            secrets = SecretMask.secrets(p.release().answers());
            changes.set(p.changes());
            model.preparedProperty().set(p.release());
            files.setAll(p.release().rendered().files());
            shownFile.set(files.stream().filter(f -> f.path().equals(p.release().rendered().composeFile())).findFirst()
                    .orElse(files.isEmpty() ? null : files.get(0)));
            valid.set(true);
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private record Prepared(PreflightReport report, PreparedRelease release, String changes) {}

    /**
     * What an upgrade changes, first: versions, images old → new, services recreated, migrations, the backup taken
     * before anything changes ("" when the deploy is no upgrade).
     */
    static String upgrade(PreparedRelease release, java.util.function.Function<dev.berth.text.Localized, String> t) {
        if (release.upgrade() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        release.upgrade().summary().forEach(l -> sb.append(t.apply(l)).append('\n'));
        return sb.append('\n').toString();
    }

    /** The secret values the live release used, so its files are masked too when a secret changes. */
    private static List<String> previousSecrets(dev.berth.bundle.Bundle bundle, java.util.Map<String, Object> previous) {
        List<String> out = new java.util.ArrayList<>();
        previous.forEach((k, v) -> {
            var p = bundle.parameter(k);
            if (p != null && p.isSecret() && v instanceof String s && !s.isEmpty()) {
                out.add(s);
            }
        });
        return out;
    }

    /**
     * One line per secret whose value differs from the one the server has on record ("API_TOKEN: •••• (changed)"):
     * masked diffs of the files cannot show that a secret changed, and a changed database password matters.
     *
     * @param marker the line for a parameter's name
     */
    static String changedSecrets(PreparedRelease release, java.util.Map<String, Object> previous,
                                 java.util.function.UnaryOperator<String> marker) {
        StringBuilder sb = new StringBuilder();
        for (var p : release.bundle().parameters()) {
            Object now = release.answers().values().get(p.name());
            Object before = previous.get(p.name());
            if (p.isSecret() && now != null && before != null && !String.valueOf(now).equals(String.valueOf(before))) {
                sb.append(marker.apply(p.name())).append('\n');
            }
        }
        return sb.toString();
    }

    /** A diff per changed or new file, every secret (new or previous) masked. */
    static String changes(PreparedRelease release, java.util.Map<String, String> live, List<String> previousSecrets) {
        List<String> mask = new java.util.ArrayList<>(SecretMask.secrets(release.answers()));
        mask.addAll(previousSecrets);
        mask.sort(java.util.Comparator.comparingInt(String::length).reversed());
        StringBuilder sb = new StringBuilder();
        for (RenderedFile f : release.rendered().files()) {
            String now = SecretMask.mask(f.text(), mask);
            String before = live.get(f.path());
            if (before == null) {
                sb.append("+++ ").append(f.path()).append(" (new)\n");
                continue;
            }
            List<String> d = TextDiff.lines(SecretMask.mask(before, mask), now);
            if (!d.isEmpty()) {
                sb.append("=== ").append(f.path()).append('\n');
                d.forEach(l -> sb.append(l).append('\n'));
            }
        }
        return sb.toString();
    }

    public StringProperty changesProperty() {
        return changes;
    }

    public PreparedRelease prepared() {
        return model.prepared();
    }

    public ObservableList<CheckResult> failures() {
        return failures;
    }

    public ObservableList<RenderedFile> files() {
        return files;
    }

    public ObjectProperty<RenderedFile> shownFileProperty() {
        return shownFile;
    }

    /** The shown file's text with every secret replaced by ********. */
    public StringProperty shownTextProperty() {
        return shownText;
    }
}
