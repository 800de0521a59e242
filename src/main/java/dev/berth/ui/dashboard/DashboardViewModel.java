package dev.berth.ui.dashboard;

import dev.berth.ssh.RemoteCommand;
import dev.berth.bundle.Endpoint;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.status.DeploymentStatus;
import dev.berth.status.ServiceCommands;
import dev.berth.status.ServiceStatus;
import dev.berth.status.StatusReader;
import dev.berth.ssh.Privilege;
import dev.berth.text.Localized;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.time.Clock;
import java.time.Duration;
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

    private final ObservableList<ServiceStatus> services = FXCollections.observableArrayList();
    private final ObservableList<Endpoint> endpoints = FXCollections.observableArrayList();
    private final ObjectProperty<DeploymentStatus> status = new SimpleObjectProperty<>();
    private final BooleanProperty healthy = new SimpleBooleanProperty(false);
    private final Map<String, Deque<Sample>> history = new LinkedHashMap<>();
    private final IntegerProperty historyVersion = new SimpleIntegerProperty();
    private final ObjectProperty<ServiceStatus> selected = new SimpleObjectProperty<>();
    private final StringProperty logText = new SimpleStringProperty("");
    private final BooleanProperty following = new SimpleBooleanProperty(false);
    private final AtomicBoolean stopFollow = new AtomicBoolean();
    private Privilege privilege;
    /** Refresh, logs and restart take turns on the connection: one short call at a time keeps the server's load low. */
    private final Object serverTurn = new Object();

    public DashboardViewModel(WizardModel model) {
        super(model);
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

    @Override
    public void enter() {
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
                RemoteShell shell = model.shell();
                try {
                    // No project given: the server reads its own from the install's record.
                    return new StatusReader(shell, privilege(shell), Clock.systemUTC()).read(layout.installDir(), "", true);
                } catch (dev.berth.ssh.SshException e) {
                    model.dropIfCurrent(shell); // the next refresh reconnects
                    throw e;
                }
            }
        }, s -> {
            busy.set(false);
            problem.set(s.currentRelease() == null && s.services().isEmpty()
                    ? Localized.of(layout.installDir() + " 中没有 Berth 部署。", "There is no Berth deployment in " + layout.installDir() + ".")
                    : null);
            show(s, Instant.now());
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
        });
    }

    void show(DeploymentStatus s, Instant at) {
        status.set(s);
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

    private synchronized Privilege privilege(RemoteShell shell) throws dev.berth.ssh.SshException {
        if (privilege == null) {
            privilege = model.facts() != null ? model.facts().access().privilege()
                    : Privilege.detect(shell);
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
                RemoteShell shell = model.shell();
                ExecResult r = shell.exec(new ServiceCommands(privilege(shell)).logs(s.container(), 200), Duration.ofSeconds(30));
                return r.stdout() + r.stderr();
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
        model.executor().run(() -> {
            RemoteShell shell = model.shell();
            RemoteCommand cmd = new ServiceCommands(privilege(shell)).follow(s.container(), 100);
            return shell.streamLines(cmd, line -> {
                if (stopFollow.get()) {
                    throw new RemoteShell.StopStreaming();
                }
                model.executor().ui(() -> appendLog(line));
            }, Duration.ofHours(12));
        }, code -> following.set(false), e -> {
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
                RemoteShell shell = model.shell();
                return shell.exec(new ServiceCommands(privilege(shell)).restart(s.container()), Duration.ofMinutes(2));
            }
        }, r -> {
            busy.set(false);
            problem.set(r.ok() ? null : Localized.of("重启 " + s.service() + " 失败：" + r.stderr().strip(),
                    "Restarting " + s.service() + " failed: " + r.stderr().strip()));
            refresh();
        }, e -> {
            busy.set(false);
            problem.set(sentenceOf(e));
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
}
