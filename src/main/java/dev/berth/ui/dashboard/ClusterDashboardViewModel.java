package dev.berth.ui.dashboard;

import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.status.SwarmStatus;
import dev.berth.status.SwarmView;
import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.StepModel;
import dev.berth.ui.TaskExecutor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard of a stack on a swarm: its nodes, its services with a word for each, the tasks of the chosen service
 * and that service's log across its tasks, all read on one manager ({@link SwarmStatus}), one call a refresh. A failed
 * refresh leaves the last rows in place and says why in the banner.
 */
public final class ClusterDashboardViewModel {
    /** Lines shown by Logs, as on the one-server dashboard. */
    static final int LOG_LINES = DashboardViewModel.LOG_LINES;

    private final ClusterTarget target;
    private final TaskExecutor executor;
    private final I18n i18n;
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    private final ObservableList<TaskRow> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<ServiceRow> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<SwarmView> view = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> banner = new SimpleObjectProperty<>();
    private final StringProperty logText = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** A refresh and a log read take turns on the manager's connection: one short call at a time. */
    private final Object managerTurn = new Object();
    /** Why the last call failed, shown until a refresh succeeds. */
    private Localized failure;

    public ClusterDashboardViewModel(ClusterTarget target, TaskExecutor executor, I18n i18n) {
        this.target = target;
        this.executor = executor;
        this.i18n = i18n;
        selected.addListener((o, a, s) -> tasks.setAll(s == null ? List.of() : s.tasks()));
    }

    /** Reads the swarm once; the view calls this on a timer while it is shown. A refresh under way is not doubled. */
    public void refresh() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        executor.run(() -> onManager(shell -> SwarmStatus.read(shell, target.privilege(), target.project())), v -> {
            busy.set(false);
            failure = null;
            show(v);
        }, e -> {
            busy.set(false);
            failed(e);
        });
    }

    private void show(SwarmView v) {
        String chosen = selected.get() == null ? null : selected.get().name();
        nodes.setAll(v.nodes());
        services.setAll(v.servicesOf(target.project()));
        // The same service stays chosen across refreshes, with its new tasks.
        selected.set(chosen == null ? null
                : services.stream().filter(s -> s.name().equals(chosen)).findFirst().orElse(null));
        updateBanner();
        // Last: what listens to it reads the rows above.
        view.set(v);
    }

    private void failed(Throwable e) {
        failure = StepModel.sentenceOf(e);
        updateBanner();
    }

    /** The failure when the last call failed; else the nodes that are not Ready; else nothing. */
    private void updateBanner() {
        if (failure != null) {
            banner.set(failure);
            return;
        }
        List<NodeRow> lost = nodes.stream().filter(n -> !n.ready()).toList();
        banner.set(lost.isEmpty() ? null : I18n.both("dashboard.cluster.banner.nodes",
                lost.stream().map(n -> n.hostname() + " (" + n.status() + ")").collect(Collectors.joining(", ")),
                lost.size()));
    }

    /** The last lines of the chosen service's log, across its tasks on every node. */
    public void loadLogs() {
        ServiceRow s = selected.get();
        if (s == null) {
            return;
        }
        executor.run(() -> onManager(shell -> SwarmStatus.logs(shell, target.privilege(), target.project(), s.name(),
                LOG_LINES)), text -> logText.set(text.isBlank() ? i18n.get("dashboard.logs.empty", s.name()) : text),
                this::failed);
    }

    /** The word for a service, judged against the nodes read with it. */
    public ClusterServiceState stateOf(ServiceRow s) {
        return ClusterServiceState.of(s, readyNodes());
    }

    /** False for a node the last read saw as not Ready (and for one it did not list). */
    public boolean nodeReady(String hostname) {
        return readyNodes().contains(hostname);
    }

    private Set<String> readyNodes() {
        return nodes.stream().filter(NodeRow::ready).map(NodeRow::hostname).collect(Collectors.toSet());
    }

    /**
     * A call on the manager, one at a time. A connection that fails is handed back so that the next call reconnects;
     * a command that failed on the manager leaves it alone.
     */
    private <T> T onManager(ManagerCall<T> call) throws Exception {
        synchronized (managerTurn) {
            RemoteShell shell = target.manager();
            try {
                return call.run(shell);
            } catch (SshException e) {
                if (e.kind() != SshException.Kind.REMOTE_FAILED) {
                    target.failed(shell);
                }
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface ManagerCall<T> {
        T run(RemoteShell shell) throws Exception;
    }

    public ClusterTarget target() { return target; }
    public ObservableList<NodeRow> nodes() { return nodes; }
    public ObservableList<ServiceRow> services() { return services; }
    /** The tasks of the chosen service, one a slot. */
    public ObservableList<TaskRow> tasks() { return tasks; }
    public ObjectProperty<ServiceRow> selectedProperty() { return selected; }
    /** The last good read, or null before the first. */
    public ObjectProperty<SwarmView> viewProperty() { return view; }
    /** One sentence the operator should read first, or null. */
    public ObjectProperty<Localized> bannerProperty() { return banner; }
    public StringProperty logTextProperty() { return logText; }
    public BooleanProperty busyProperty() { return busy; }
}
