package dev.berth.ui.review;

import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.Bundle;
import dev.berth.deploy.Backups;
import dev.berth.deploy.DeployOptions;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.ui.BackupRestore;
import java.nio.file.Path;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.UpgradeCheck;
import dev.berth.text.Localized;
import dev.berth.transfer.TransferException;
import dev.berth.ui.I18n;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
    /** "Back up before upgrading": on unless the operator turns it off; only an upgrade offers it. */
    private final BooleanProperty backupFirst = new SimpleBooleanProperty(true);
    private final BooleanProperty backupOffered = new SimpleBooleanProperty(false);
    private final Preparation preparation;
    private final BackupRestore.Preparation restorePreparation;
    /** True when the server has a live deployment in the install, so one of its backups can be restored instead. */
    private final BooleanProperty restoreOffered = new SimpleBooleanProperty(false);

    /** The server's part of preparing: checks, the release as the deploy will send it, what changes in the live one. */
    @FunctionalInterface
    interface Preparation {
        Prepared run(Inputs in, DeployOptions options) throws Exception;
    }

    /** What the steps before chose, read on the UI thread before the work starts. */
    record Inputs(dev.berth.bundle.Bundle bundle, dev.berth.bundle.ResolvedAnswers answers,
                  dev.berth.deploy.ReleaseLayout layout, java.nio.file.Path images, String host,
                  dev.berth.deploy.BackupArchive archive) {}

    public ReviewViewModel(WizardModel model) {
        this(model, null);
    }

    /** @param preparation the server's part (a test gives its own); null: the real one over the wizard's connection */
    ReviewViewModel(WizardModel model, Preparation preparation) {
        this(model, preparation, BackupRestore::prepare);
    }

    ReviewViewModel(WizardModel model, Preparation preparation, BackupRestore.Preparation restorePreparation) {
        super(model);
        this.preparation = preparation != null ? preparation : this::onServer;
        this.restorePreparation = restorePreparation;
        shownFile.addListener((o, a, f) -> shownText.set(f == null ? "" : SecretMask.mask(f.text(), secrets)));
        // The deploy sends the release prepared here, so preparing again with the choice is what carries it there.
        backupFirst.addListener((o, a, b) -> prepare());
    }

    /**
     * What the deploy is told about the live deployment: back up first or not, and the backup a restore starts from
     * (the Deploy step uploads it before anything else).
     */
    DeployOptions options() {
        return new DeployOptions(backupFirst.get(), false, model.restoreId());
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
        Inputs in = new Inputs(model.bundle(), model.answers(), model.layout(), model.imagesDirProperty().get(),
                model.host(), model.restoreArchive());
        clear();
        DeployOptions options = options();
        model.executor().run(() -> preparation.run(in, options), p -> {
            busy.set(false);
            model.reportProperty().set(p.report());
            offerRestore();
            if (p.release() == null) {
                failures.setAll(p.report().withOutcome(Outcome.FAIL));
                problem.set(dev.berth.text.Localized.of("按这些设置，服务器没有通过检查；请返回修改。",
                        "With these settings the server fails a check; go back and change them."));
                return;
            }
            backupOffered.set(p.release().upgrade() != null);
            show(p.release(), restore(in.archive(), model.i18n()) + upgrade(p.release(), model.i18n()::t) + p.changes());
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private void clear() {
        busy.set(true);
        valid.set(false);
        problem.set(null);
        failures.clear();
        files.clear();
        changes.set("");
        model.preparedProperty().set(null);
        offerRestore();
    }

    /** The checks (of the Checks step, then of this one) say whether a deployment is live in the install. */
    private void offerRestore() {
        var facts = model.facts();
        restoreOffered.set(facts != null && facts.installDir().previousRelease() != null);
    }

    private void show(PreparedRelease release, String changesText) {
        secrets = SecretMask.secrets(release.answers());
        changes.set(changesText);
        model.preparedProperty().set(release);
        files.setAll(release.rendered().files());
        shownFile.set(files.stream().filter(f -> f.path().equals(release.rendered().composeFile())).findFirst()
                .orElse(files.isEmpty() ? null : files.get(0)));
        valid.set(true);
    }

    /**
     * Restore a backup instead…: the way back from a failed upgrade or a refused downgrade, with the bundle version
     * the backup was made with open. One of the server's backups is picked and confirmed; the release that restores
     * it is prepared here (the backup's own answers, the server checked with them) and Deploy sends it.
     */
    public void restoreInstead() {
        if (busy.get() || model.facts() == null) {
            return;
        }
        Bundle bundle = model.bundle();
        ReleaseLayout layout = model.layout();
        String host = model.host();
        Path images = model.imagesDirProperty().get();
        var privilege = model.facts().access().privilege();
        busy.set(true);
        model.executor().run(() -> new Backups(model.shell(), privilege, layout, Clock.systemUTC()).list(), list -> {
            busy.set(false);
            BackupRestore.pick(model, list, bundle, problem::set, text -> problem.set(Localized.same(text)))
                    .ifPresent(b -> {
                        clear();
                        model.restoreArchiveProperty().set(null); // a backup on the server, not a file from here
                        backupOffered.set(false);
                        model.executor().run(() -> {
                            RemoteShell shell = model.shell();
                            var answers = new Backups(shell, privilege, layout, Clock.systemUTC()).answers(b);
                            return restorePreparation.prepare(shell, layout, bundle, host, images, b, answers);
                        }, release -> {
                            busy.set(false);
                            show(release, model.i18n().get("review.restore.server", b.id(), b.created(),
                                    release.backupId() == null ? "—" : release.backupId()) + "\n\n");
                        }, e -> {
                            busy.set(false);
                            problem.set(sentenceOf(e));
                        });
                    });
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    /** Checks with the final answers, then the release and what it changes in the live one's files. */
    private Prepared onServer(Inputs in, DeployOptions options) throws Exception {
        var bundle = in.bundle();
        var answers = in.answers();
        var layout = in.layout();
        var images = in.images();
        String host = in.host();
        var shell = model.shell();
        if (model.cluster() != null) {
            return onCluster(in);
        }
        PreflightReport report = ServerPreflight.run(shell, bundle, answers, layout.installDir(), host).report();
        if (report.worst() == Outcome.FAIL) {
            return new Prepared(report, null, "");
        }
        Deployer deployer = new Deployer(shell, report.facts().access().privilege(), layout, Clock.systemUTC());
        PreparedRelease release;
        try {
            release = deployer.prepare(report.facts(), bundle, answers, images, host, options);
        } catch (TransferException e) {
            throw downgradeNote(e, report, bundle);
        }
        return withChanges(report, deployer, release, bundle, layout);
    }

    /**
     * A cluster: every node checked as the deploy will (cores and memory on all nodes together), and the release
     * prepared as a stack against the first manager, which the job runs on. The report shown is the first manager's
     * with every other node's failures and the cluster's own rows after it.
     */
    private Prepared onCluster(Inputs in) throws Exception {
        dev.berth.cluster.ClusterSpec cluster = model.cluster();
        java.util.Map<String, dev.berth.cluster.SwarmFormer.Link> links = model.nodeLinks();
        dev.berth.cluster.ClusterPreflight.Result checked = dev.berth.cluster.ClusterPreflight.run(cluster, links,
                in.bundle(), in.answers(), in.layout().installDir(), p -> { });
        String leader = cluster.leader().name();
        List<CheckResult> rows = new java.util.ArrayList<>(checked.reports().get(leader).results());
        checked.reports().forEach((node, r) -> {
            if (!node.equals(leader)) {
                rows.addAll(r.withOutcome(Outcome.FAIL));
            }
        });
        rows.addAll(checked.whole());
        PreflightReport report = new PreflightReport(rows, checked.failed() ? Outcome.FAIL
                : rows.stream().map(CheckResult::outcome).reduce(Outcome.PASS, Outcome::worse),
                checked.facts().get(leader));
        if (checked.failed()) {
            return new Prepared(report, null, "");
        }
        dev.berth.cluster.ClusterDeployer cd = new dev.berth.cluster.ClusterDeployer(cluster, links, in.layout(),
                Clock.systemUTC());
        PreparedRelease release = cd.prepare(checked.facts(), cd.addresses(), in.bundle(), in.answers(), in.images(),
                in.host());
        return withChanges(report, cd.leaderDeployer(), release, in.bundle(), in.layout());
    }

    /** The release and what it changes in the live one's files and kept secrets. */
    private Prepared withChanges(PreflightReport report, Deployer deployer, PreparedRelease release, Bundle bundle,
                                 ReleaseLayout layout) throws Exception {
        RemoteShell shell = model.shell();
        // Read as root: the probe's own view of a previous release runs as the login, which may not see it.
        var live = LiveFiles.read(shell, layout, release.rendered().files().stream().map(RenderedFile::path).toList(),
                report.facts().access().privilege());
        var previous = deployer.previousAnswers();
        String diff = changedSecrets(release, previous, name -> model.i18n().get("review.secretChanged", name))
                + (live.isEmpty() ? "" : changes(release, live, previousSecrets(bundle, previous)));
        return new Prepared(report, release, diff);
    }

    /**
     * The engine's downgrade refusal names the CLI's --allow-downgrade; the wizard has no such switch, so it says what
     * the operator can do from here. Any other refusal is left as it is.
     */
    static TransferException downgradeNote(TransferException e, PreflightReport report, dev.berth.bundle.Bundle bundle) {
        UpgradeCheck.Live live = UpgradeCheck.Live.of(report.facts().installDir().previousRelease());
        if (live == null || !live.bundle().equals(bundle.id()) || !UpgradeCheck.isDowngrade(live, bundle.version())) {
            return e;
        }
        Localized note = I18n.both("review.downgrade", live.version());
        return new TransferException(Localized.of(e.sentence().zh() + note.zh(), e.sentence().en() + " " + note.en()));
    }

    record Prepared(PreflightReport report, PreparedRelease release, String changes) {}

    /** The first line of a restore's changes ("" when the deploy restores nothing). */
    static String restore(dev.berth.deploy.BackupArchive archive, I18n i18n) {
        return archive == null ? "" : i18n.get("review.restore", archive.info().id(), archive.file().getFileName(),
                archive.info().created()) + "\n\n";
    }

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

    public BooleanProperty restoreOfferedProperty() {
        return restoreOffered;
    }

    public BooleanProperty backupFirstProperty() {
        return backupFirst;
    }

    /** True when the prepared release is an upgrade, so the backup before it can be turned off. */
    public BooleanProperty backupOfferedProperty() {
        return backupOffered;
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
