package dev.berth.ui;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.cluster.ClusterSpec;
import dev.berth.deploy.BackupArchive;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.PreflightReport;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.Connector;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.Facts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the steps hand to each other: the chosen bundle, the server and its one SSH connection, the check report,
 * the answers, the image folder and the prepared release. Holds no deployment logic; the steps call the engine.
 */
public final class WizardModel {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final I18n i18n;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Path berthHome;
    private final Path bundlesDir;
    private final Connector connector;

    private final ObjectProperty<Bundle> bundle = new SimpleObjectProperty<>();
    private final ObjectProperty<TargetSpec> target = new SimpleObjectProperty<>();
    private final ObjectProperty<PreflightReport> report = new SimpleObjectProperty<>();
    private final ObjectProperty<ResolvedAnswers> answers = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> imagesDir = new SimpleObjectProperty<>();
    private final ObjectProperty<PreparedRelease> prepared = new SimpleObjectProperty<>();
    /** A backup file from this computer the deploy restores (a move to a new server); null for a plain deploy. */
    private final ObjectProperty<BackupArchive> restoreArchive = new SimpleObjectProperty<>();
    /** Answers to start the settings form from: a profile's. */
    private final Map<String, Object> startingAnswers = new LinkedHashMap<>();
    /**
     * The answers the server has on record for the chosen install (read by the Checks step, the same engine call as
     * the CLI's): the settings form takes its generated secrets from here, so a redeploy never replaces them.
     */
    private final ObjectProperty<Map<String, Object>> serverAnswers = new SimpleObjectProperty<>(Map.of());

    /** A cluster target (several servers, Docker Swarm) chosen on the Server step; null for one server. */
    private final ObjectProperty<ClusterSpec> cluster = new SimpleObjectProperty<>();

    private RemoteShell shell;
    private Credentials credentials = Credentials.none();
    private volatile String fingerprint;
    /** A cluster's connections, one per node, by node name: opened by the Server step's Test, used by Deploy. */
    private final Map<String, NodeLink> nodes = new LinkedHashMap<>();

    private record NodeLink(TargetSpec spec, Credentials credentials, RemoteShell shell) {}

    public WizardModel(I18n i18n, TaskExecutor executor, DialogService dialogs, Path berthHome, Path bundlesDir,
                       Connector connector) {
        this.i18n = i18n;
        this.executor = executor;
        this.dialogs = dialogs;
        this.berthHome = berthHome;
        this.bundlesDir = bundlesDir;
        this.connector = connector;
    }

    public I18n i18n() {
        return i18n;
    }

    public TaskExecutor executor() {
        return executor;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public Path berthHome() {
        return berthHome;
    }

    public Path bundlesDir() {
        return bundlesDir;
    }

    public ObjectProperty<Bundle> bundleProperty() {
        return bundle;
    }

    public Bundle bundle() {
        return bundle.get();
    }

    public ObjectProperty<TargetSpec> targetProperty() {
        return target;
    }

    public TargetSpec target() {
        return target.get();
    }

    public ObjectProperty<PreflightReport> reportProperty() {
        return report;
    }

    public Facts facts() {
        return report.get() == null ? null : report.get().facts();
    }

    public ObjectProperty<ResolvedAnswers> answersProperty() {
        return answers;
    }

    public ResolvedAnswers answers() {
        return answers.get();
    }

    public ObjectProperty<Path> imagesDirProperty() {
        return imagesDir;
    }

    public ObjectProperty<PreparedRelease> preparedProperty() {
        return prepared;
    }

    public PreparedRelease prepared() {
        return prepared.get();
    }

    public ObjectProperty<BackupArchive> restoreArchiveProperty() {
        return restoreArchive;
    }

    public BackupArchive restoreArchive() {
        return restoreArchive.get();
    }

    /** The backup the deploy starts from, or null. */
    public String restoreId() {
        return restoreArchive.get() == null ? null : restoreArchive.get().info().id();
    }

    public Map<String, Object> startingAnswers() {
        return startingAnswers;
    }

    public ObjectProperty<Map<String, Object>> serverAnswersProperty() {
        return serverAnswers;
    }

    public Map<String, Object> serverAnswers() {
        return serverAnswers.get() == null ? Map.of() : serverAnswers.get();
    }

    public ObjectProperty<ClusterSpec> clusterProperty() {
        return cluster;
    }

    /** The cluster target, or null when the deployment goes to one server. */
    public ClusterSpec cluster() {
        return cluster.get();
    }

    public ReleaseLayout layout() {
        return new ReleaseLayout(target().installDir());
    }

    /** The server's address as the operator typed it (endpoint URLs, check URLs). */
    public String host() {
        return target().host();
    }

    /**
     * Opens the connection every later step uses, replacing any previous one. Blocking: call from background
     * work. The credentials stay in memory only, so a dropped connection can be reopened for a reattach.
     */
    public RemoteShell connect(TargetSpec spec, Credentials creds) throws SshException {
        RemoteShell opened = connector.connect(spec, creds, HostKeyStore.inHome(berthHome),
                dialogs::trustHostKey, CONNECT_TIMEOUT);
        synchronized (this) {
            disconnect();
            shell = opened;
            credentials = creds;
            fingerprint = opened.hostKeyFingerprint();
        }
        return opened;
    }

    /**
     * Makes {@code spec} the server the steps talk to, logging in with {@code creds}, without connecting yet: a
     * cluster's first manager, already tested (and its host key pinned) by the Server step.
     */
    public synchronized void useLogin(TargetSpec spec, Credentials creds) {
        disconnect();
        target.set(spec);
        credentials = creds;
    }

    /** The open connection, reopening it when it dropped. Blocking. */
    public RemoteShell shell() throws SshException {
        synchronized (this) {
            if (shell != null) {
                return shell;
            }
        }
        if (target() == null) {
            throw new IllegalStateException("no server chosen yet");
        }
        return connect(target(), credentials);
    }

    /**
     * Drops {@code failed} when it is still the connection in use, so the next {@link #shell()} reconnects; a newer
     * connection (opened meanwhile for another server or profile) is left alone.
     */
    public synchronized void dropIfCurrent(RemoteShell failed) {
        if (failed != null && shell == failed) {
            disconnect();
        }
    }

    /** Drops the connection (after it failed) so the next {@link #shell()} opens a fresh one. */
    public synchronized void disconnect() {
        if (shell != null) {
            shell.close();
            shell = null;
        }
    }

    /**
     * Opens node {@code name}'s connection of a cluster, replacing that node's previous one; the host key is shown
     * and pinned as for one server. Blocking. Its credentials stay in memory only, for a reconnect.
     */
    public RemoteShell connectNode(String name, TargetSpec spec, Credentials creds) throws SshException {
        RemoteShell opened = connector.connect(spec, creds, HostKeyStore.inHome(berthHome),
                dialogs::trustHostKey, CONNECT_TIMEOUT);
        synchronized (this) {
            disconnectNode(name);
            nodes.put(name, new NodeLink(spec, creds, opened));
        }
        return opened;
    }

    /** Node {@code name}'s open connection, reopened with the login it was tested with when it dropped. Blocking. */
    public RemoteShell nodeShell(String name) throws SshException {
        NodeLink link;
        synchronized (this) {
            link = nodes.get(name);
        }
        if (link == null) {
            throw new IllegalStateException("node " + name + " was never connected");
        }
        if (link.shell() != null) {
            return link.shell();
        }
        return connectNode(name, link.spec(), link.credentials());
    }

    /**
     * Every node of the cluster with its open connection (each reopened when it dropped) and how it reaches root, in
     * the cluster's order: what the Checks, Review and Deploy steps hand the engine. Blocking.
     */
    public java.util.Map<String, dev.berth.cluster.SwarmFormer.Link> nodeLinks() throws SshException {
        java.util.Map<String, dev.berth.cluster.SwarmFormer.Link> links = new java.util.LinkedHashMap<>();
        for (dev.berth.cluster.ClusterNode n : cluster().nodes()) {
            RemoteShell shell = nodeShell(n.name());
            links.put(n.name(), new dev.berth.cluster.SwarmFormer.Link(shell, dev.berth.ssh.Privilege.detect(shell)));
        }
        return links;
    }

    /** Closes node {@code name}'s connection; its login is kept so {@link #nodeShell} can reopen it. */
    public synchronized void dropNode(String name) {
        NodeLink link = nodes.get(name);
        if (link != null && link.shell() != null) {
            link.shell().close();
            nodes.put(name, new NodeLink(link.spec(), link.credentials(), null));
        }
    }

    /** Closes node {@code name}'s connection and forgets its login (the node was edited or removed). */
    public synchronized void disconnectNode(String name) {
        NodeLink link = nodes.remove(name);
        if (link != null && link.shell() != null) {
            link.shell().close();
        }
    }

    public synchronized void disconnectNodes() {
        for (String name : java.util.List.copyOf(nodes.keySet())) {
            disconnectNode(name);
        }
    }

    /** The host key fingerprint of the last connection ("SHA256:..."), pinned into saved profiles. */
    public String fingerprint() {
        return fingerprint;
    }

    public synchronized boolean isConnected() {
        return shell != null;
    }

    /** Forgets the credentials and closes the connection: the window is closing. */
    public synchronized void close() {
        disconnect();
        credentials.clear();
        nodes.values().forEach(l -> l.credentials().clear());
        disconnectNodes();
    }
}
