package dev.berth.ui.dashboard;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.Endpoint;
import dev.berth.deploy.BackupInfo;
import dev.berth.deploy.Backups;
import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.text.Localized;
import dev.berth.ui.BackupRestore;
import dev.berth.ui.I18n;
import java.nio.file.Path;
import java.util.Optional;
import dev.berth.deploy.SupportBundle;
import dev.berth.deploy.Uninstaller;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.status.DeploymentStatus;
import dev.berth.status.DiskUsage;
import dev.berth.status.ServiceStatus;
import dev.berth.status.StatusService;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 8: the endpoints and the live state of every service, from one cheap round trip per refresh; CPU and memory
 * kept for the last minutes; one service's logs (followed on request) and a restart of just that service.
 */
public final class DashboardViewModel extends StepModel {
    /** How many readings the chart keeps: with the window's 10-second refresh, the last 5 minutes. */
    public static final int HISTORY = 30;
    /** Lines shown by "Show logs", and those a follow starts from. */
    static final int LOG_LINES = 200;
    static final int FOLLOW_LINES = 100;

    private final ObservableList<ServiceStatus> services = FXCollections.observableArrayList();
    private final ObservableList<Endpoint> endpoints = FXCollections.observableArrayList();
    private final ObjectProperty<DeploymentStatus> status = new SimpleObjectProperty<>();
    private final BooleanProperty healthy = new SimpleBooleanProperty(false);
    private final Map<String, Deque<Sample>> history = new LinkedHashMap<>();
    private final IntegerProperty historyVersion = new SimpleIntegerProperty();
    private final ObjectProperty<ServiceStatus> selected = new SimpleObjectProperty<>();
    private final StringProperty logText = new SimpleStringProperty("");
    private final BooleanProperty following = new SimpleBooleanProperty(false);
    /** What the last uninstall or support bundle did, for the operator to read; null until one ran. */
    private final StringProperty notice = new SimpleStringProperty();
    private final ObjectProperty<DiskUsage> disk = new SimpleObjectProperty<>();
    private final AtomicBoolean stopFollow = new AtomicBoolean();
    private final ServerLink link;
    /** The support bundle's section markers (random; a test gives its own). */
    private final java.util.function.Supplier<String> marks;
    private final Clock clock;
    private Privilege privilege;
    /** Refresh, logs and restart take turns on the connection: one short call at a time keeps the server's load low. */
    private final Object serverTurn = new Object();
    private final BackupRestore.Preparation restorePreparation;
    /** Says whether the deployment is a cluster (null: one server). Nothing says so until the wizard is told how. */
    private java.util.function.Supplier<ClusterTarget> clusterLookup = () -> null;
    private ClusterDashboardViewModel cluster;

    public DashboardViewModel(WizardModel model) {
        this(model, ServerLink.of(model), Clock.systemUTC());
    }

    DashboardViewModel(WizardModel model, ServerLink link, Clock clock) {
        this(model, link, clock, SupportBundle::newMark);
    }

    DashboardViewModel(WizardModel model, ServerLink link, Clock clock, java.util.function.Supplier<String> marks) {
        this(model, link, clock, marks, BackupRestore::prepare);
    }

    DashboardViewModel(WizardModel model, ServerLink link, Clock clock, java.util.function.Supplier<String> marks,
                       BackupRestore.Preparation restorePreparation) {
        super(model);
        this.restorePreparation = restorePreparation;
        this.marks = marks;
        this.link = link;
        this.clock = clock;
        valid.set(true);
        following.addListener((o, a, on) -> {
            if (!on) {
                stopFollow.set(true);
            }
        });
    }

    @Override
    public Step step() {
        return Step.DASHBOARD;
    }

    /**
     * How the dashboard learns that the deployment is a Swarm stack: {@code lookup} answers the cluster, or null for
     * one server. It is asked each time the step is shown, so a cluster chosen on the Server step is seen; an equal
     * answer keeps the cluster dashboard (and its rows) it had.
     */
    public void clusterFrom(java.util.function.Supplier<ClusterTarget> lookup) {
        clusterLookup = java.util.Objects.requireNonNull(lookup);
    }

    /** The cluster's dashboard when the deployment is a cluster, else null (the one-server dashboard shows). */
    public ClusterDashboardViewModel cluster() {
        ClusterTarget t = clusterLookup.get();
        if (t == null) {
            cluster = null;
        } else if (cluster == null || !cluster.target().equals(t)) {
            cluster = new ClusterDashboardViewModel(t, model.executor(), model.i18n());
        }
        return cluster;
    }

    @Override
    public void enter() {
        if (cluster() != null) {
            cluster.refresh();
            return;
        }
        if (model.prepared() != null) {
            endpoints.setAll(model.prepared().rendered().endpoints());
        }
        refresh();
    }

    /** The endpoints of a deployment opened from a profile (no release was prepared in this session). */
    public void showEndpoints(List<Endpoint> list) {
        endpoints.setAll(list);
    }

    /** Reads the status once (with CPU and memory); the window calls this on a timer while the step is shown. */
    public void refresh() {
        if (busy.get() || model.target() == null) {
            return;
        }
        busy.set(true);
        var layout = model.layout();
        model.executor().run(() -> {
            synchronized (serverTurn) {
                // No project given: the server reads its own from the install's record.
                return onServer(service -> service.status(layout.installDir(), "", true));
            }
        }, s -> {
            busy.set(false);
            problem.set(s.deployed() ? null : StatusService.noDeploymentIn(layout.installDir()));
            show(s, clock.instant());
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    void show(DeploymentStatus s, Instant at) {
        status.set(s);
        disk.set(s.disk());
        ServiceStatus chosen = selected.get();
        services.setAll(s.services());
        if (chosen != null) {
            s.services().stream().filter(v -> v.service().equals(chosen.service())).findFirst().ifPresent(selected::set);
        }
        healthy.set(s.healthy());
        for (ServiceStatus v : s.services()) {
            if (v.cpuPercent() >= 0) {
                Deque<Sample> d = history.computeIfAbsent(v.service(), k -> new ArrayDeque<>());
                d.addLast(new Sample(at, v.cpuPercent(), v.memoryBytes()));
                while (d.size() > HISTORY) {
                    d.removeFirst();
                }
            }
        }
        historyVersion.set(historyVersion.get() + 1);
    }

    /**
     * The status service on the current connection. A connection that fails is dropped so that the next call
     * reconnects; a command that failed on the server leaves the connection alone.
     */
    private <T> T onServer(ServerCall<T> call) throws Exception {
        RemoteShell shell = link.shell();
        try {
            return call.run(new StatusService(shell, privilege(shell), clock));
        } catch (SshException e) {
            if (e.kind() != SshException.Kind.REMOTE_FAILED) {
                link.failed(shell);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface ServerCall<T> {
        T run(StatusService service) throws Exception;
    }

    private synchronized Privilege privilege(RemoteShell shell) throws SshException {
        if (privilege == null) {
            privilege = model.facts() != null ? model.facts().access().privilege() : Privilege.detect(shell);
        }
        return privilege;
    }

    /** The last lines of the selected service's log. */
    public void loadLogs() {
        ServiceStatus s = selected.get();
        if (s == null) {
            return;
        }
        following.set(false);
        model.executor().run(() -> {
            synchronized (serverTurn) {
                return onServer(service -> service.recentLogs(s, LOG_LINES));
            }
        }, text -> logText.set(text.isBlank() ? model.i18n().get("dashboard.logs.empty", s.service()) : text),
                e -> problem.set(sentenceOf(e)));
    }

    /** Follows the selected service's log until {@link #followingProperty()} is turned off. */
    public void follow() {
        ServiceStatus s = selected.get();
        if (s == null || following.get()) {
            return;
        }
        stopFollow.set(false);
        following.set(true);
        logText.set("");
        // Not in the server's turn: a follow holds its channel for as long as the operator reads.
        model.executor().run(() -> onServer(service -> service.followLogs(s, FOLLOW_LINES,
                line -> model.executor().ui(() -> appendLog(line)), stopFollow::get)),
                code -> following.set(false), e -> {
                    following.set(false);
                    problem.set(sentenceOf(e));
                });
    }

    private void appendLog(String line) {
        String t = logText.get() + line + "\n";
        // Keep the viewer light: the last ~200 KB is plenty to read.
        logText.set(t.length() > 200_000 ? t.substring(t.length() - 150_000) : t);
    }

    /** Restarts only the selected service, after asking. */
    public void restartSelected() {
        ServiceStatus s = selected.get();
        if (s == null || busy.get()) {
            return;
        }
        var i18n = model.i18n();
        if (!model.dialogs().confirm(i18n.get("dashboard.restart.title"), i18n.get("dashboard.restart.question", s.service()))) {
            return;
        }
        busy.set(true);
        model.executor().run(() -> {
            synchronized (serverTurn) {
                return onServer(service -> {
                    service.restart(s);
                    return s;
                });
            }
        }, done -> {
            busy.set(false);
            problem.set(null);
            refresh();
        }, e -> {
            // No refresh: it would clear the sentence that says why the restart failed.
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    /** Takes the deployment off the server after asking; its data stays. */
    public void uninstall() {
        DeploymentStatus s = status.get();
        if (s == null || !s.deployed() || busy.get()) {
            return;
        }
        var i18n = model.i18n();
        if (model.dialogs().confirm(i18n.get("dashboard.uninstall.title"),
                i18n.get("dashboard.uninstall.question", s.project(), model.layout().dataDir()))) {
            uninstall(s.project(), null);
        }
    }

    /** The same, and the data too: only when the operator types the deployment's id. */
    public void uninstallWithData() {
        DeploymentStatus s = status.get();
        if (s == null || !s.deployed() || busy.get()) {
            return;
        }
        var i18n = model.i18n();
        model.dialogs().askText(i18n.get("dashboard.uninstall.data.title"),
                i18n.get("dashboard.uninstall.data.question", s.project(), model.layout().installDir()))
                .ifPresent(typed -> uninstall(s.project(), typed));
    }

    private void uninstall(String project, String confirmData) {
        busy.set(true);
        var layout = model.layout();
        model.executor().run(() -> {
            synchronized (serverTurn) {
                RemoteShell shell = link.shell();
                return new Uninstaller(shell, privilege(shell), layout).uninstall(project, confirmData);
            }
        }, o -> {
            busy.set(false);
            problem.set(null);
            notice.set(o.keptData() == null
                    ? model.i18n().get("dashboard.uninstall.done.all", project, layout.installDir())
                    : model.i18n().get("dashboard.uninstall.done", project, o.keptData()));
            services.clear();
            status.set(null);
            healthy.set(false);
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    /** The room the deployment takes and what is left, in the window's language ("" when not known). */
    public String diskText() {
        DiskUsage d = disk.get();
        return d == null || d.summary() == null ? "" : model.i18n().t(d.summary());
    }

    /** A warning before the server runs out of room, or null. */
    public String diskWarning() {
        DiskUsage d = disk.get();
        return d == null || d.warning() == null ? null : model.i18n().t(d.warning());
    }

    /**
     * Backs the whole deployment up on the server (the same job as {@code berth backup}), then offers to save a copy on
     * this computer: the archive a move to a new server is restored from.
     */
    public void backUp() {
        DeploymentStatus s = status.get();
        if (s == null || !s.deployed() || busy.get()) {
            return;
        }
        busy.set(true);
        var layout = model.layout();
        model.executor().run(() -> {
            synchronized (serverTurn) {
                RemoteShell shell = link.shell();
                var facts = dev.berth.target.Prober.probe(shell, layout.installDir(), List.of()).facts();
                return new dev.berth.deploy.Backups(shell, privilege(shell), layout, clock)
                        .take(facts, new dev.berth.deploy.DeployListener() { });
            }
        }, b -> {
            busy.set(false);
            problem.set(null);
            notice.set(model.i18n().get("dashboard.backup.done", b.id(),
                    dev.berth.transfer.TransferPlan.size(b.bytes()), b.archive()));
            model.dialogs().saveFile(model.i18n().get("dashboard.backup.save"), b.bundle() + "-" + b.id() + ".tar.gz")
                    .ifPresent(file -> download(b, file));
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private void download(dev.berth.deploy.BackupInfo b, java.nio.file.Path file) {
        busy.set(true);
        model.executor().run(() -> {
            synchronized (serverTurn) {
                RemoteShell shell = link.shell();
                return dev.berth.transfer.FileDownloader.download(shell, new dev.berth.target.ServerCommands(
                        privilege(shell)), b.archive(), b.bytes(), b.sha256(), file, (bytes, total, rate) -> { });
            }
        }, saved -> {
            busy.set(false);
            notice.set(model.i18n().get("dashboard.backup.saved", saved.toAbsolutePath()));
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    /**
     * Restore…: lists the backups on the server, lets the operator pick one, asks, and runs its restore as a deploy
     * (the same as {@code berth restore --backup ID}): with the bundle open when it is the version the backup was made
     * with, else one sentence naming the version to open. What runs now is backed up first.
     */
    public void restore() {
        if (busy.get() || model.target() == null) {
            return;
        }
        busy.set(true);
        var layout = model.layout();
        model.executor().run(() -> {
            synchronized (serverTurn) {
                RemoteShell shell = link.shell();
                return new Backups(shell, privilege(shell), layout, clock).list();
            }
        }, list -> {
            busy.set(false);
            problem.set(null);
            choose(list);
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    private void choose(List<BackupInfo> list) {
        Bundle bundle = model.bundle();
        BackupRestore.pick(model, list, bundle, problem::set, notice::set).ifPresent(b -> runRestore(b, bundle));
    }

    private void runRestore(BackupInfo b, Bundle bundle) {
        busy.set(true);
        var layout = model.layout();
        String host = model.host();
        Path images = model.imagesDirProperty().get();
        var i18n = model.i18n();
        notice.set(i18n.get("dashboard.restore.running", b.id()));
        model.executor().run(() -> {
            RemoteShell shell;
            PreparedRelease release;
            synchronized (serverTurn) {
                shell = link.shell();
                Map<String, Object> answers = new Backups(shell, privilege(shell), layout, clock).answers(b);
                release = restorePreparation.prepare(shell, layout, bundle, host, images, b, answers);
            }
            // Not in the server's turn: the restore runs as long as a deploy, and the journal holds its own channel.
            Deployer deployer = new Deployer(shell, privilege(shell), layout, clock);
            DeployOutcome outcome = deployer.deploy(release, new DeployListener() {
                @Override
                public void event(dev.berth.deploy.JournalEvent e) {
                    release.plan().steps().stream().filter(s -> s.id().equals(e.step())
                                    && "step-start".equals(e.event())).findFirst()
                            .ifPresent(s -> model.executor().ui(() -> notice.set(
                                    i18n.get("dashboard.restore.step", b.id(), i18n.t(s.label())))));
                }
            });
            return new Restored(release, outcome);
        }, r -> {
            busy.set(false);
            restored(b, r);
        }, e -> {
            busy.set(false);
            notice.set(null);
            problem.set(sentenceOf(e));
        });
    }

    private record Restored(PreparedRelease release, DeployOutcome outcome) {}

    private void restored(BackupInfo b, Restored r) {
        var i18n = model.i18n();
        String before = r.release().backupId();
        if (r.outcome().succeeded()) {
            problem.set(null);
            notice.set(before == null ? i18n.get("dashboard.restore.done.first", b.id(), r.outcome().releaseId())
                    : i18n.get("dashboard.restore.done", b.id(), r.outcome().releaseId(), before));
            model.preparedProperty().set(r.release());
            endpoints.setAll(r.release().rendered().endpoints());
        } else {
            String step = r.outcome().failedStep().map(dev.berth.deploy.JournalEvent::step).orElse("?");
            Localized label = r.release().plan().steps().stream().filter(s -> s.id().equals(step)).findFirst()
                    .map(dev.berth.deploy.PlanStep::label).orElse(Localized.same(step));
            Localized why = r.outcome().end().isEmpty() ? I18n.both("dashboard.restore.failed.nojournal", b.id())
                    : r.outcome().failureSentence(label);
            // In the notice, not the problem line: the refresh below clears that, and this must stay readable.
            String taken = BackupRestore.takenBackup(r.outcome(), r.release());
            notice.set(i18n.t(why) + (taken == null ? "" : " " + i18n.get("dashboard.restore.failed.before", taken)));
        }
        refresh();
    }

    /** Saves a support bundle (secrets removed) where the operator says, from one round trip. */
    public void saveSupportBundle() {
        DeploymentStatus s = status.get();
        if (s == null || busy.get()) {
            return;
        }
        String name = SupportBundle.name(s.project(), clock.instant());
        model.dialogs().saveFile(model.i18n().get("dashboard.support.title"), name + ".tar.gz").ifPresent(file -> {
            busy.set(true);
            var layout = model.layout();
            String facts = model.facts() == null ? "(the server was not probed in this session)" : model.facts().raw();
            model.executor().run(() -> {
                synchronized (serverTurn) {
                    RemoteShell shell = link.shell();
                    SupportBundle b = SupportBundle.collect(shell, privilege(shell), layout, s.project(), facts,
                            java.util.Set.of(), marks.get());
                    b.write(file, name);
                    return file;
                }
            }, saved -> {
                busy.set(false);
                problem.set(null);
                notice.set(model.i18n().get("dashboard.support.saved", saved.toAbsolutePath()));
            }, e -> {
                busy.set(false);
                problem.set(sentenceOf(e));
            });
        });
    }

    public List<Sample> history(String service) {
        Deque<Sample> d = history.get(service);
        return d == null ? List.of() : new ArrayList<>(d);
    }

    public ObservableList<ServiceStatus> services() { return services; }
    public ObservableList<Endpoint> endpoints() { return endpoints; }
    public ObjectProperty<DeploymentStatus> statusProperty() { return status; }
    public BooleanProperty healthyProperty() { return healthy; }
    public IntegerProperty historyVersionProperty() { return historyVersion; }
    public ObjectProperty<ServiceStatus> selectedProperty() { return selected; }
    public StringProperty logTextProperty() { return logText; }
    public BooleanProperty followingProperty() { return following; }
    public StringProperty noticeProperty() { return notice; }
    public ObjectProperty<DiskUsage> diskProperty() { return disk; }
}
