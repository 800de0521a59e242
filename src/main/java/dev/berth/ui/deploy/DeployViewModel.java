package dev.berth.ui.deploy;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.cluster.ClusterSpec;
import dev.berth.deploy.BackupArchive;
import dev.berth.deploy.BackupInfo;
import dev.berth.deploy.Backups;
import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.JournalEvent;
import dev.berth.deploy.JournalEventType;
import dev.berth.deploy.JournalField;
import dev.berth.deploy.JournalText;
import dev.berth.deploy.PlanStep;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ui.BackupRestore;
import dev.berth.ui.I18n;
import dev.berth.deploy.UploadTick;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import dev.berth.transfer.UploadCutShort;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import dev.berth.ssh.Privilege;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 7: sends the release and follows the job on the server. The plan's steps tick off as the journal reports
 * them, uploads show rate and time left, and a dropped connection leaves the job running: Reattach follows it again.
 */
public final class DeployViewModel extends StepModel {
    private final ObservableList<StepRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> journal = FXCollections.observableArrayList();
    private final DoubleProperty uploadProgress = new SimpleDoubleProperty(-1);
    private final ObjectProperty<Localized> uploadText = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty disconnected = new SimpleBooleanProperty(false);
    private final BooleanProperty succeeded = new SimpleBooleanProperty(false);
    /** The one source of running, disconnected and succeeded (which the view binds to). */
    private final ObjectProperty<DeployState> state = new SimpleObjectProperty<>(DeployState.IDLE);
    private final ObjectProperty<Localized> failure = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> nextHint = new SimpleObjectProperty<>();
    private final StringProperty serviceLogs = new SimpleStringProperty("");
    private final ObjectProperty<DeployOutcome> outcome = new SimpleObjectProperty<>();
    /** The release of a job started earlier (before Berth was reopened) that this step follows; null otherwise. */
    private final StringProperty reattachedRelease = new SimpleStringProperty();
    private PreparedRelease started;
    /** Follow mode: no prepared plan here, so the rows come from the journal and their labels from this map. */
    private Map<String, Localized> stepLabels = Map.of();
    private Privilege followPrivilege;
    /** The deploy started here (null in follow mode): whether its job was started decides what a dropped link means. */
    private volatile Deployer deploying;
    /** After a failed upgrade: the backup it took first, whose data is as it was before; null otherwise. */
    private final StringProperty upgradeBackup = new SimpleStringProperty();
    /** True when that backup can be restored from here (the bundle open is the version it was made with). */
    private final BooleanProperty restoreOffered = new SimpleBooleanProperty(false);
    /** What the operator should know about the data after a failed upgrade or restore; null when nothing. */
    private final ObjectProperty<Localized> backupNote = new SimpleObjectProperty<>();
    /** The backup file the deploy started here restores, or null. */
    private BackupArchive restoredArchive;
    private final RestorePreparation restorePreparation;

    /** Prepares the restore of a backup on the server with the bundle open (a test gives its own). */
    @FunctionalInterface
    interface RestorePreparation {
        PreparedRelease prepare(String backupId, Bundle bundle, ReleaseLayout layout, String host) throws Exception;
    }

    /** Deploys to the model's cluster on the background executor (a test gives its own). */
    @FunctionalInterface
    interface ClusterRun {
        DeployOutcome run(ClusterSpec cluster, Bundle bundle, ResolvedAnswers answers, Path images,
                          ReleaseLayout layout, ClusterWatcher watcher) throws Exception;
    }

    /** What a cluster deploy reports besides the journal: the release it prepared, before it is sent. */
    interface ClusterWatcher extends DeployListener {
        /** @param leader the deployer on the first manager, which runs the job (its progress says what a drop means) */
        void prepared(PreparedRelease release, Deployer leader);
    }

    private final ClusterRun clusterRun;
    /** The Review step's release that started the cluster deploy shown here (the cluster's own is prepared here). */
    private PreparedRelease clusterStartedBy;

    public DeployViewModel(WizardModel model) {
        this(model, null, null);
    }

    DeployViewModel(WizardModel model, RestorePreparation restorePreparation) {
        this(model, restorePreparation, null);
    }

    DeployViewModel(WizardModel model, RestorePreparation restorePreparation, ClusterRun clusterRun) {
        super(model);
        this.restorePreparation = restorePreparation != null ? restorePreparation : this::prepareRestore;
        this.clusterRun = clusterRun != null ? clusterRun : new ClusterDeployment(model);
        succeeded.addListener((o, a, b) -> valid.set(b));
        running.addListener((o, a, b) -> busy.set(b));
        state.addListener((o, a, b) -> {
            disconnected.set(b.disconnected);
            succeeded.set(b.succeeded);
            running.set(b.running);
        });
    }

    @Override
    public Step step() {
        return Step.DEPLOY;
    }

    @Override
    public void enter() {
        PreparedRelease release = model.prepared();
        if (model.cluster() != null) {
            if (release != null && release != clusterStartedBy && !running.get()) {
                startCluster(release);
            }
            return;
        }
        if (release != null && release != started && !running.get()) {
            start(release, model.restoreArchive());
        }
    }

    @Override
    public boolean runningOnServer() {
        return running.get() && !sending();
    }

    @Override
    public boolean sendingToServer() {
        return running.get() && sending();
    }

    /** A deploy started here that has not started its job yet: it only uploads, so nothing on the server changed. */
    private boolean sending() {
        Deployer d = deploying;
        return started != null && !disconnected.get() && (d == null || d.progress() == Deployer.Progress.SENDING);
    }

    private void reset(PreparedRelease release) {
        rows.clear();
        if (release != null) {
            for (PlanStep s : release.plan().steps()) {
                rows.add(new StepRow(s.id(), s.label()));
            }
        }
        journal.clear();
        uploadProgress.set(-1);
        uploadText.set(null);
        failure.set(null);
        nextHint.set(null);
        serviceLogs.set("");
        problem.set(null);
        upgradeBackup.set(null);
        restoreOffered.set(false);
        backupNote.set(null);
    }

    /** @param archive a backup file from this computer the release restores, uploaded first; or null */
    private void start(PreparedRelease release, BackupArchive archive) {
        started = release;
        restoredArchive = archive;
        deploying = null;
        reattachedRelease.set(null);
        stepLabels = Map.of();
        reset(release);
        state.set(DeployState.RUNNING);
        var layout = model.layout();
        var privilege = model.facts().access().privilege();
        DeployListener listener = listener();
        model.executor().run(() -> {
            Deployer deployer = new Deployer(model.shell(), privilege, layout, Clock.systemUTC());
            deploying = deployer; // SENDING until its job starts, the backup's upload included
            if (archive != null) {
                uploadBackup(archive, privilege, layout, listener);
            }
            return deployer.deploy(release, listener);
        }, this::finished, this::failed);
    }

    /**
     * A cluster target: every node checked, the swarm formed, the release prepared against the first manager (its
     * plan's rows appear then) and its job followed, all with the same listener as one server's deploy. A reattach
     * after a dropped link follows the job on the first manager, the server the model's connection goes to.
     */
    private void startCluster(PreparedRelease reviewed) {
        clusterStartedBy = reviewed;
        started = null;
        restoredArchive = null;
        deploying = null;
        reattachedRelease.set(null);
        stepLabels = Map.of();
        reset(null);
        state.set(DeployState.RUNNING);
        ClusterSpec cluster = model.cluster();
        Bundle bundle = model.bundle();
        ResolvedAnswers answers = model.answers();
        Path images = model.imagesDirProperty().get();
        ReleaseLayout layout = model.layout();
        DeployListener journalView = listener();
        ClusterWatcher watcher = new ClusterWatcher() {
            @Override
            public void prepared(PreparedRelease release, Deployer leader) {
                deploying = leader;
                model.executor().ui(() -> {
                    started = release; // what a reattach follows and a failure is judged against
                    rows.clear(); // the journal keeps the checks' and the swarm's lines above the plan's
                    release.plan().steps().forEach(s -> rows.add(new StepRow(s.id(), s.label())));
                });
            }

            @Override
            public void phase(Localized what) {
                journalView.phase(what);
            }

            @Override
            public void upload(UploadTick tick) {
                journalView.upload(tick);
            }

            @Override
            public void event(JournalEvent e) {
                journalView.event(e);
            }
        };
        model.executor().run(() -> clusterRun.run(cluster, bundle, answers, images, layout, watcher),
                this::finished, this::failed);
    }

    /**
     * Follow mode: a saved deployment was opened while a job started earlier (from this laptop before the lid closed,
     * or from another one) still runs on the server. Shows that job's journal from its start and follows it to its end.
     *
     * @param labels what each plan step is called, by step id (from the bundle); an unknown id shows as itself
     */
    public void followRunning(String releaseId, Privilege privilege, Map<String, Localized> labels) {
        started = null;
        stepLabels = Map.copyOf(labels);
        followPrivilege = privilege;
        reattachedRelease.set(releaseId);
        outcome.set(null);
        state.set(DeployState.IDLE); // what reattach() expects: nothing is being followed yet
        reattach();
    }

    /** Follows the job again after the connection dropped (or after Berth was reopened). */
    public void reattach() {
        if (running.get() && !disconnected.get()) {
            return;
        }
        PreparedRelease release = started != null ? started : reattachedRelease.get() != null ? null : model.prepared();
        reset(release);
        state.set(DeployState.REATTACHING);
        var layout = model.layout();
        DeployListener listener = listener();
        model.executor().run(() -> {
            model.disconnect();
            var shell = model.shell();
            var privilege = model.facts() != null ? model.facts().access().privilege()
                    : followPrivilege != null ? followPrivilege : Privilege.SUDO;
            Deployer deployer = new Deployer(shell, privilege, layout, Clock.systemUTC());
            String id = release != null ? release.releaseId() : reattachedRelease.get() != null ? reattachedRelease.get()
                    : deployer.lastJob().orElseThrow(() -> new SshException(
                    SshException.Kind.REMOTE_FAILED, Localized.of("服务器上还没有运行过部署任务。", "No deploy job has run on this server yet.")));
            return deployer.follow(id, listener);
        }, this::finished, this::failed);
    }

    /** A move to a new server: the backup file goes up first (resumable, checked by sha256), as berth restore --file. */
    private void uploadBackup(BackupArchive archive, Privilege privilege, ReleaseLayout layout, DeployListener listener)
            throws Exception {
        listener.phase(I18n.both("deploy.uploadBackup", archive.info().id()));
        new Backups(model.shell(), privilege, layout, Clock.systemUTC()).upload(archive, (sent, total, rate) ->
                listener.upload(new UploadTick(archive.file().getFileName().toString(), sent, total, sent, total, rate)));
    }

    private DeployListener listener() {
        return new DeployListener() {
            @Override
            public void phase(Localized what) {
                model.executor().ui(() -> journal.add("· " + model.i18n().t(what)));
            }

            @Override
            public void upload(UploadTick tick) {
                model.executor().ui(() -> showUpload(tick));
            }

            @Override
            public void event(JournalEvent e) {
                model.executor().ui(() -> apply(e));
            }
        };
    }

    /** The bar follows the whole upload; the text names this image and says what is left of all of them. */
    private void showUpload(UploadTick t) {
        uploadProgress.set(t.allTotal() <= 0 ? -1 : (double) t.allSent() / t.allTotal());
        String file = String.format(Locale.ROOT, "%s  %.1f/%.1f MiB", t.file(), t.sent() / 1048576.0,
                t.total() / 1048576.0);
        String all = String.format(Locale.ROOT, "%.1f/%.1f MiB", t.allSent() / 1048576.0, t.allTotal() / 1048576.0);
        String speed = String.format(Locale.ROOT, "%.1f MiB/s", t.bytesPerSecond() / 1048576.0);
        String eta = UploadTick.clock(t.secondsLeft());
        uploadText.set(Localized.of(file + "  全部 " + all + "  " + speed + "  剩余 " + eta,
                file + "  all " + all + "  " + speed + "  " + eta + " left"));
    }

    void apply(JournalEvent e) {
        JournalEventType type = e.type().orElse(null);
        if (type == null) {
            return; // an event a newer job library writes: nothing to show
        }
        StepRow row = rows.stream().filter(r -> r.id().equals(e.step())).findFirst().orElse(null);
        if (row == null && started == null && reattachedRelease.get() != null && type == JournalEventType.STEP_START
                && !e.step().isEmpty() && !"rollback".equals(e.step())) {
            // Follow mode has no plan at hand: each step gets its row when the journal says it started.
            row = new StepRow(e.step(), stepLabels.getOrDefault(e.step(), Localized.of(e.step(), e.step())));
            rows.add(row);
        }
        switch (type) {
            case STEP_START -> setState(row, StepRow.State.RUNNING);
            case STEP_END -> {
                if (row != null) {
                    row.millisProperty().set(e.number(JournalField.MS)); // before the state: the list redraws on the state
                }
                setState(row, StepRow.State.DONE);
            }
            case STEP_FAILED -> setState(row, StepRow.State.FAILED);
            case SERVICE_LOGS -> serviceLogs.set(serviceLogs.get() + "[" + e.text(JournalField.SERVICE) + "]\n"
                    + e.text(JournalField.LINES).strip() + "\n");
            case HEALTH_OUTPUT -> serviceLogs.set(serviceLogs.get() + "[" + e.text(JournalField.SERVICE)
                    + " healthcheck]\n" + e.text(JournalField.OUTPUT).strip() + "\n");
            default -> { }
        }
        JournalText.lines(e, this::labelOf).forEach(line -> journal.add(model.i18n().t(line)));
    }

    private static void setState(StepRow row, StepRow.State state) {
        if (row != null) {
            row.stateProperty().set(state);
        }
    }

    /** The label of a step's row, else the one follow mode was given; null lets JournalText name it. */
    private Localized labelOf(String step) {
        return rows.stream().filter(r -> r.id().equals(step)).map(StepRow::label).findFirst()
                .orElse(stepLabels.get(step));
    }

    private void finished(DeployOutcome o) {
        // A stream that ended early was already picked up again by the engine's JournalFollower: no end here
        // means the job really stopped without one.
        state.set(o.succeeded() ? DeployState.SUCCEEDED : DeployState.FAILED);
        outcome.set(o);
        uploadProgress.set(-1);
        if (o.succeeded()) {
            if (restoredArchive != null && restoredArchive == model.restoreArchive()) {
                // Restored: a later deploy from this window is a plain one, not the same restore again.
                model.restoreArchiveProperty().set(null);
            }
            return;
        }
        afterFailure(o, started);
        if (o.end().isEmpty()) {
            failure.set(Localized.of("部署任务没有写完日志就停止了（服务器重启或进程被终止）。",
                    "The deploy job stopped without finishing its journal (server restart or the process was killed)."));
            nextHint.set(Localized.of("检查服务器后再部署一次。", "Check the server, then deploy again."));
            return;
        }
        if ("refused".equals(o.end().get().status())) {
            failure.set(Localized.of("服务器上已有另一个部署在运行。", "Another deployment is running on this server."));
            nextHint.set(Localized.of("等它结束后再部署。", "Deploy again when it has finished."));
            return;
        }
        String step = o.failedStep().map(JournalEvent::step).orElse("?");
        String label = rows.stream().filter(r -> r.id().equals(step)).findFirst().map(r -> model.i18n().t(r.label())).orElse(step);
        failure.set(o.failureSentence(Localized.same(label)));
        nextHint.set(Localized.of("看下面服务的最后几行日志；返回修改设置后再部署，或修好服务器后重试。",
                "Read the service's last log lines below; go back and change the settings, or fix the server, then deploy again."));
    }

    /**
     * A failed upgrade was rolled back to the previous release, but its data stays as the new version left it: when the
     * backup taken first is in the journal, say so, and offer to restore it when this bundle can (the same version).
     * A failed restore says where the deployment as it was before the restore is kept.
     */
    private void afterFailure(DeployOutcome o, PreparedRelease release) {
        String backup = BackupRestore.takenBackup(o, release);
        boolean restore = release != null && release.restoreId() != null;
        if (restore && backup != null) {
            backupNote.set(I18n.both("deploy.restoreFailed", backup));
        } else if (backup != null && release.upgrade() != null) {
            upgradeBackup.set(backup);
            // The backup is of the live release, made with its version: only that bundle version restores it.
            boolean here = release.upgrade().fromVersion().equals(release.bundle().version());
            restoreOffered.set(here);
            backupNote.set(here ? I18n.both("deploy.upgradeFailed.here", backup)
                    : I18n.both("deploy.upgradeFailed.cli", backup, release.bundle().id(), release.upgrade().fromVersion()));
        }
    }

    /**
     * Restores the backup taken before the failed upgrade, after asking: its data, volumes and answers, with the
     * images the server has now (the previous release's, which the rollback put back), followed here like a deploy.
     */
    public void restoreBackup() {
        String id = upgradeBackup.get();
        if (id == null || !restoreOffered.get() || running.get() || busy.get()) {
            return;
        }
        var i18n = model.i18n();
        if (!model.dialogs().confirm(i18n.get("deploy.restore.title"), i18n.get("deploy.restore.question", id))) {
            return;
        }
        Bundle bundle = model.bundle();
        ReleaseLayout layout = model.layout();
        String host = model.host();
        busy.set(true);
        problem.set(null);
        model.executor().run(() -> restorePreparation.prepare(id, bundle, layout, host), release -> {
            busy.set(false);
            // The model's release is the one the step runs (and the dashboard shows) from now on.
            model.preparedProperty().set(release);
            start(release, null);
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private PreparedRelease prepareRestore(String id, Bundle bundle, ReleaseLayout layout, String host) throws Exception {
        var shell = model.shell();
        var backups = new Backups(shell, model.facts().access().privilege(), layout, Clock.systemUTC());
        BackupInfo info = backups.find(id);
        return BackupRestore.prepare(shell, layout, bundle, host, null, info, backups.answers(info));
    }

    private void failed(Throwable e) {
        Deployer d = deploying;
        if (model.cluster() != null && clusterStartedBy != null && d == null) {
            // A cluster deploy that stopped in the checks, the swarm or the preparation: no job runs to reattach to.
            state.set(DeployState.FAILED);
            problem.set(sentenceOf(e));
            nextHint.set(Localized.of("解决上面的问题后，返回“确认”再部署一次。",
                    "Fix the problem above, then go back to Review and deploy again."));
            return;
        }
        if (e instanceof SshException s && d != null && d.progress() == Deployer.Progress.SENDING
                && (s.kind() == SshException.Kind.CHANNEL || s.kind() == SshException.Kind.TIMEOUT)) {
            // Dropped before the job started: there is nothing to reattach to, and nothing on the server changed.
            state.set(DeployState.FAILED);
            model.executor().run(() -> {
                model.disconnect(); // the next step opens a fresh connection
                return null;
            }, x -> { }, x -> { });
            problem.set(e instanceof UploadCutShort cut
                    ? cut.sentence(Localized.of("返回“确认”再部署一次", "go back to Review and deploy again"))
                    : Localized.of("上传时与服务器的连接中断，部署没有开始：服务器上运行的内容没有任何改动。",
                    "The connection dropped during the upload, before the deployment started: nothing that runs on the"
                            + " server was changed."));
            nextHint.set(Localized.of("检查网络后，返回“确认”再部署一次即可继续。",
                    "Check the network, then go back to Review and deploy again to go on."));
            return;
        }
        if (e instanceof SshException s && (s.kind() == SshException.Kind.CHANNEL || s.kind() == SshException.Kind.TIMEOUT
                || s.kind() == SshException.Kind.UNREACHABLE)) {
            // The job runs on the server, detached: losing the connection loses only the view of it.
            state.set(DeployState.DISCONNECTED);
            problem.set(Localized.of("与服务器的连接中断，但部署仍在服务器上继续；点“重新连接”继续查看。",
                    "The connection dropped, but the deployment goes on on the server; press Reattach to follow it again."));
            return;
        }
        state.set(DeployState.FAILED);
        problem.set(sentenceOf(e));
        nextHint.set(Localized.of("解决上面的问题后，返回“检查”再部署一次。", "Fix the problem above, then go back and deploy again."));
    }

    public ObservableList<StepRow> rows() { return rows; }
    public ObservableList<String> journal() { return journal; }
    public DoubleProperty uploadProgressProperty() { return uploadProgress; }
    public ObjectProperty<Localized> uploadTextProperty() { return uploadText; }
    public BooleanProperty runningProperty() { return running; }
    public BooleanProperty disconnectedProperty() { return disconnected; }
    public BooleanProperty succeededProperty() { return succeeded; }
    public ObjectProperty<DeployState> stateProperty() { return state; }
    public ObjectProperty<Localized> failureProperty() { return failure; }
    public ObjectProperty<Localized> nextHintProperty() { return nextHint; }
    public StringProperty serviceLogsProperty() { return serviceLogs; }
    public StringProperty upgradeBackupProperty() { return upgradeBackup; }
    public BooleanProperty restoreOfferedProperty() { return restoreOffered; }
    public ObjectProperty<Localized> backupNoteProperty() { return backupNote; }
    public ObjectProperty<DeployOutcome> outcomeProperty() { return outcome; }
    /** The release of the earlier job being followed after a reopen; null for a deploy started here. */
    public StringProperty reattachedReleaseProperty() { return reattachedRelease; }
}
