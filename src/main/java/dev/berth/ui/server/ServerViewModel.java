package dev.berth.ui.server;

import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.deploy.InstallDirRule;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Step 2: where the stack goes and how to log in. Next needs a tested connection: "Test connection" connects,
 * shows a new host key's fingerprint for the operator to accept, and refuses a changed key with a warning.
 * With several servers (a Docker Swarm) the step holds a node table instead: each row is tested on its own
 * (connection, host key, the engine's swarm membership) and Next needs every row tested, one manager (or three, or
 * five) and unique names.
 */
public final class ServerViewModel extends StepModel {
    private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NODE_LABEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("22");
    private final StringProperty user = new SimpleStringProperty("root");
    private final ObjectProperty<AuthMethod> auth = new SimpleObjectProperty<>(AuthMethod.KEY_FILE);
    private final StringProperty keyFile = new SimpleStringProperty(defaultKey());
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty jump = new SimpleStringProperty("");
    /** The jump host's own password (it never gets the server's). */
    private final StringProperty jumpPassword = new SimpleStringProperty("");
    private final StringProperty installDir = new SimpleStringProperty("");

    private final ObjectProperty<Localized> hostError = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> portError = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> userError = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> keyError = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> jumpError = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> installDirError = new SimpleObjectProperty<>();
    private final BooleanProperty formValid = new SimpleBooleanProperty(false);
    private final BooleanProperty connected = new SimpleBooleanProperty(false);
    private final BooleanProperty keyChanged = new SimpleBooleanProperty(false);
    private final StringProperty fingerprint = new SimpleStringProperty("");
    private String defaultInstallDir = "";

    private final ObjectProperty<ServerMode> mode = new SimpleObjectProperty<>(ServerMode.ONE);
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    /** What keeps the node table from being a cluster (no manager, a name twice, a row not tested); null when none. */
    private final ObjectProperty<Localized> clusterProblem = new SimpleObjectProperty<>();

    public ServerViewModel(WizardModel model) {
        super(model);
        Observable[] fields = {host, port, user, auth, keyFile, passphrase, password, jump, jumpPassword, installDir};
        for (Observable f : fields) {
            f.addListener(o -> {
                validate();
                if (connected.get()) {
                    // Another server or login: the tested connection no longer stands for these fields.
                    connected.set(false);
                    model.disconnect();
                }
            });
        }
        connected.addListener(o -> updateValid());
        formValid.addListener(o -> updateValid());
        mode.addListener((o, a, m) -> {
            if (connected.get()) {
                // The model's connection is the cluster's first manager's from here, or must be the form's again.
                connected.set(false);
                model.disconnect();
            }
            if (m == ServerMode.CLUSTER && nodes.isEmpty()) {
                addNode().roleProperty().set(ClusterNode.Role.MANAGER);
            }
            model.clusterProperty().set(null);
            validateCluster();
            updateValid();
        });
        nodes.addListener((ListChangeListener<NodeRow>) c -> {
            validateCluster();
            updateValid();
        });
        validate();
    }

    private void updateValid() {
        valid.set(mode.get() == ServerMode.ONE ? formValid.get() && connected.get()
                : clusterProblem.get() == null && installDirError.get() == null);
    }

    @Override
    public Step step() {
        return Step.SERVER;
    }

    @Override
    public void enter() {
        if (model.bundle() != null) {
            String suggested = "/opt/berth/" + model.bundle().id();
            if (installDir.get().isBlank() || installDir.get().equals(defaultInstallDir)) {
                installDir.set(suggested);
            }
            defaultInstallDir = suggested;
        }
    }

    private static String defaultKey() {
        for (String name : new String[] {"id_ed25519", "id_ecdsa", "id_rsa"}) {
            Path p = Path.of(System.getProperty("user.home"), ".ssh", name);
            if (Files.isReadable(p)) {
                return p.toString();
            }
        }
        return "";
    }

    /** Checks every field and explains each wrong one in a sentence. */
    void validate() {
        hostError.set(null);
        String h = host.get().trim();
        if (h.isEmpty()) {
            hostError.set(Localized.of("请填写服务器地址。", "Enter the server's address."));
        } else if (!h.matches("[A-Za-z0-9._:%-]+")) {
            hostError.set(Localized.of("服务器地址只能是主机名或 IP 地址。", "The address must be a host name or an IP address."));
        }
        portError.set(null);
        int p = parsePort(port.get());
        if (p < 0) {
            portError.set(Localized.of("端口必须是 1 到 65535 之间的数字。", "The port must be a number from 1 to 65535."));
        }
        userError.set(user.get().trim().isEmpty() || !user.get().trim().matches("[A-Za-z0-9._][A-Za-z0-9._-]*")
                ? Localized.of("请填写登录用户名（字母、数字、. _ -）。", "Enter the login user name (letters, digits, . _ -).")
                : null);
        keyError.set(null);
        if (auth.get() == AuthMethod.KEY_FILE) {
            String k = keyFile.get().trim();
            if (k.isEmpty()) {
                keyError.set(Localized.of("请选择私钥文件。", "Choose the private key file."));
            } else if (!Files.isReadable(Path.of(k))) {
                keyError.set(Localized.of("无法读取私钥文件 " + k + "。", "Cannot read the key file " + k + "."));
            }
        }
        jumpError.set(null);
        if (!jump.get().isBlank()) {
            try {
                TargetSpec.parse(jump.get());
            } catch (IllegalArgumentException e) {
                jumpError.set(Localized.of("跳板机应写成 user@host:port。", "Write the jump host as user@host:port."));
            }
        }
        installDirError.set(InstallDirRule.problem(installDir.get().trim()));
        formValid.set(hostError.get() == null && portError.get() == null && userError.get() == null
                && keyError.get() == null && jumpError.get() == null && installDirError.get() == null);
        validateCluster();
        updateValid();
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The target the fields describe (only when {@link #formValidProperty()} is true). */
    public TargetSpec spec() {
        TargetSpec spec = new TargetSpec(user.get().trim(), host.get().trim(), parsePort(port.get()),
                auth.get() == AuthMethod.KEY_FILE ? Path.of(keyFile.get().trim()) : null, null, null,
                InstallDirRule.normalise(installDir.get().trim()));
        if (!jump.get().isBlank()) {
            spec = spec.withJump(TargetSpec.parse(jump.get()));
        }
        return spec;
    }

    /**
     * The server's login, and the jump host's own: the agent serves every hop; the server's password and passphrase
     * are for the server only (the jump host has its own password field, else ~/.ssh/config and the default keys).
     */
    private Credentials credentials() {
        Credentials c = Credentials.none();
        switch (auth.get()) {
            case KEY_FILE -> {
                if (!passphrase.get().isEmpty()) {
                    c = c.withKeyPassphrase(passphrase.get().toCharArray());
                }
            }
            case AGENT -> c = c.withAgent(null);
            case PASSWORD -> c = c.withPassword(password.get().toCharArray());
            default -> { }
        }
        Credentials forJump = auth.get() == AuthMethod.AGENT ? Credentials.none().withAgent(null) : Credentials.none();
        if (!jump.get().isBlank() && !jumpPassword.get().isEmpty()) {
            forJump = forJump.withPassword(jumpPassword.get().toCharArray());
        }
        return c.withJump(forJump);
    }

    /** Connects in the background; on success the connection is kept for the following steps. */
    public void testConnection() {
        if (!formValid.get() || busy.get()) {
            return;
        }
        TargetSpec spec = spec();
        Credentials creds = credentials();
        busy.set(true);
        problem.set(null);
        keyChanged.set(false);
        model.executor().run(() -> model.connect(spec, creds), (RemoteShell shell) -> {
            busy.set(false);
            model.targetProperty().set(spec);
            model.reportProperty().set(null); // a new connection is checked again
            fingerprint.set(shell.hostKeyFingerprint());
            connected.set(true);
        }, e -> {
            busy.set(false);
            creds.clear();
            connected.set(false);
            if (e instanceof SshException s && s.kind() == SshException.Kind.HOST_KEY_CHANGED) {
                keyChanged.set(true);
            }
            problem.set(sentenceOf(e));
        });
    }

    // --- Several servers ------------------------------------------------------------------------------------------

    /** A new, empty row at the end of the node table (a worker; the first row of a new table is the manager). */
    public NodeRow addNode() {
        NodeRow row = new NodeRow(this::edited);
        row.nameProperty().set(freeName());
        nodes.add(row);
        checkRow(row);
        return row;
    }

    public void removeNode(NodeRow row) {
        if (nodes.contains(row)) {
            forget(row);
            nodes.remove(row); // after: the table left is judged (and handed to the model) again
        }
    }

    private String freeName() {
        for (int i = nodes.size() + 1; ; i++) {
            String n = "node" + i;
            if (nodes.stream().noneMatch(r -> r.nameProperty().get().equals(n))) {
                return n;
            }
        }
    }

    private void edited(NodeRow row) {
        forget(row);
        row.testProperty().set(NodeRow.Test.UNTESTED);
        row.resultProperty().set(null);
        row.fingerprintProperty().set("");
        checkRow(row);
        validateCluster();
        updateValid();
    }

    /** The row's connection stands for what it said when tested: an edit or a removal closes it. */
    private void forget(NodeRow row) {
        if (row.connectedAs != null) {
            model.disconnectNode(row.connectedAs);
            row.connectedAs = null;
        }
        model.clusterProperty().set(null);
    }

    /** Checks one row's fields; the first wrong one is its problem sentence. */
    private void checkRow(NodeRow row) {
        row.problemProperty().set(rowProblem(row));
    }

    private static Localized rowProblem(NodeRow row) {
        String name = row.nameProperty().get().trim();
        if (!NODE_NAME.matcher(name).matches()) {
            return Localized.of("节点名只能用小写字母、数字和 -（如 n1）。", "A node name takes lower-case letters, digits and - (like n1).");
        }
        try {
            TargetSpec.parse(row.addressProperty().get().trim());
        } catch (IllegalArgumentException e) {
            return Localized.of("节点 " + name + " 的地址应写成 user@host 或 user@host:port。",
                    "Write node " + name + "'s address as user@host or user@host:port.");
        }
        String key = row.keyFileProperty().get().trim();
        if (!key.isEmpty() && !Files.isReadable(Path.of(key))) {
            return Localized.of("无法读取节点 " + name + " 的私钥文件 " + key + "。", "Cannot read node " + name + "'s key file " + key + ".");
        }
        if (row.loginProperty().get() == dev.berth.ssh.LoginMethod.PASSWORD && row.passwordProperty().get().isEmpty()) {
            return Localized.of("请输入节点 " + name + " 的密码，然后测试。", "Type node " + name + "'s password, then test it.");
        }
        for (String label : labelsOf(row)) {
            if (!NODE_LABEL.matcher(label).matches()) {
                return Localized.of("节点 " + name + " 的标签 " + label + " 只能包含小写字母、数字和 _.-。",
                        "Node " + name + "'s label " + label + " may only hold lower-case letters, digits and _.-.");
            }
        }
        return null;
    }

    private static List<String> labelsOf(NodeRow row) {
        return Arrays.stream(row.labelsProperty().get().split(",")).map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** The step-wide rules of a node table; when they hold, the model gets the cluster. */
    private void validateCluster() {
        if (mode.get() != ServerMode.CLUSTER) {
            clusterProblem.set(null);
            return;
        }
        clusterProblem.set(clusterRuleBroken());
        if (clusterProblem.get() == null && installDirError.get() == null) {
            ClusterSpec spec = clusterSpec();
            if (!spec.equals(model.cluster())) {
                model.clusterProperty().set(spec);
                // The steps that follow see the first manager as "the server" (the checks, the review's release);
                // the deploy goes to every node.
                NodeRow leader = nodes.stream().filter(r -> r.roleProperty().get() == ClusterNode.Role.MANAGER)
                        .findFirst().orElseThrow();
                model.useLogin(spec.leader().target(), credentialsOf(leader));
                model.reportProperty().set(null);
            }
        } else {
            model.clusterProperty().set(null);
        }
    }

    /**
     * A node's login: its password, typed for that node alone; the agent; or its key file (unencrypted), else the agent
     * and the default keys.
     */
    private static Credentials credentialsOf(NodeRow row) {
        return switch (row.loginProperty().get()) {
            case PASSWORD -> Credentials.password(row.passwordProperty().get().toCharArray());
            case AGENT -> Credentials.agent();
            default -> row.keyFileProperty().get().isBlank() ? Credentials.agent() : Credentials.none();
        };
    }

    private Localized clusterRuleBroken() {
        if (mode.get() != ServerMode.CLUSTER) {
            return null;
        }
        if (nodes.isEmpty()) {
            return Localized.of("请添加服务器。", "Add the servers.");
        }
        Set<String> names = new HashSet<>();
        for (NodeRow r : nodes) {
            if (!names.add(r.nameProperty().get().trim())) {
                return Localized.of("节点名 " + r.nameProperty().get().trim() + " 出现了两次：每台服务器的名字要不同。",
                        "The node name " + r.nameProperty().get().trim() + " is used twice: each server needs its own.");
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).problemProperty().get() != null) {
                // The row's own sentence is under it; here only which row holds Next back.
                return Localized.of("请改正第 " + (i + 1) + " 台服务器（见上面的红字）。",
                        "Correct server " + (i + 1) + " of the list (see the line in red above).");
            }
        }
        long managers = nodes.stream().filter(r -> r.roleProperty().get() == ClusterNode.Role.MANAGER).count();
        if (managers != 1 && managers != 3 && managers != 5) {
            // As the cluster file: a swarm's managers decide by majority, so 2 survive no loss better than 1.
            return Localized.of("需要 1、3 或 5 台 manager（现在 " + managers + " 台）：Swarm 的管理节点靠多数票工作。",
                    "A swarm needs 1, 3 or 5 managers (there are " + managers + "): its managers work by majority.");
        }
        for (NodeRow r : nodes) {
            if (r.testProperty().get() != NodeRow.Test.OK) {
                return Localized.of("请逐台点“测试”：节点 " + r.nameProperty().get().trim() + " 还未测试通过。",
                        "Test each server: node " + r.nameProperty().get().trim() + " has not passed its test yet.");
            }
        }
        return null;
    }

    private TargetSpec nodeSpec(NodeRow row) {
        TargetSpec spec = TargetSpec.parse(row.addressProperty().get().trim())
                .withInstallDir(InstallDirRule.normalise(installDir.get().trim()));
        String key = row.keyFileProperty().get().trim();
        if (!key.isEmpty()) {
            spec = spec.withIdentity(Path.of(key));
        }
        if (row.fingerprintProperty().get() != null && !row.fingerprintProperty().get().isEmpty()) {
            spec = spec.withHostKey(row.fingerprintProperty().get()); // the key the test saw and the operator trusted
        }
        return spec;
    }

    /** The node table as a cluster target (only when its rules hold). */
    ClusterSpec clusterSpec() {
        List<ClusterNode> list = new ArrayList<>();
        for (NodeRow r : nodes) {
            list.add(new ClusterNode(r.nameProperty().get().trim(), nodeSpec(r), r.roleProperty().get(), labelsOf(r),
                    r.loginProperty().get()));
        }
        return new ClusterSpec(list);
    }

    /**
     * Connects to one node in the background (its host key shown once, as for one server), then asks its engine
     * about its swarm. A node logs in with its key file (else the agent and the default keys), the agent, or the password
     * typed in its row, which stays in memory for that node's connection only.
     */
    public void testNode(NodeRow row) {
        if (row.problemProperty().get() != null || row.testProperty().get() == NodeRow.Test.TESTING) {
            return;
        }
        forget(row);
        String name = row.nameProperty().get().trim();
        TargetSpec spec = nodeSpec(row);
        Credentials creds = credentialsOf(row);
        row.testProperty().set(NodeRow.Test.TESTING);
        row.resultProperty().set(null);
        validateCluster();
        updateValid();
        model.executor().run(() -> NodeProbe.run(model.connectNode(name, spec, creds)), (NodeProbe.Found found) -> {
            row.connectedAs = name;
            row.fingerprintProperty().set(found.fingerprint());
            row.resultProperty().set(found.membership());
            row.testProperty().set(NodeRow.Test.OK);
            validateCluster();
            updateValid();
        }, e -> {
            model.disconnectNode(name);
            row.resultProperty().set(sentenceOf(e));
            row.testProperty().set(NodeRow.Test.FAILED);
            validateCluster();
            updateValid();
        });
    }

    /** Fills the node table from a saved cluster (a profile): each row is tested again before Next. */
    public void fillCluster(ClusterSpec cluster, String dir) {
        nodes.clear();
        for (ClusterNode n : cluster.nodes()) {
            NodeRow row = new NodeRow(this::edited);
            TargetSpec t = n.target();
            row.nameProperty().set(n.name());
            row.addressProperty().set(new TargetSpec(t.user(), t.host(), t.port(), null, null, null, null).display());
            row.keyFileProperty().set(t.identity() == null ? "" : t.identity().toString());
            row.roleProperty().set(n.role());
            row.labelsProperty().set(String.join(", ", n.labels()));
            row.loginProperty().set(n.login());
            // Last: an edit above clears it. The row's test then connects only to the key the profile pinned.
            row.fingerprintProperty().set(t.hostKey() == null ? "" : t.hostKey());
            checkRow(row);
            nodes.add(row);
        }
        if (dir != null) {
            installDir.set(dir);
            defaultInstallDir = "";
        }
        mode.set(ServerMode.CLUSTER);
    }

    public ObjectProperty<ServerMode> modeProperty() { return mode; }
    public ObservableList<NodeRow> nodes() { return nodes; }
    public ObjectProperty<Localized> clusterProblemProperty() { return clusterProblem; }

    /** Fills the fields from a saved target (a profile): one server. */
    public void fill(TargetSpec t) {
        mode.set(ServerMode.ONE);
        host.set(t.host());
        port.set(Integer.toString(t.port()));
        user.set(t.user() == null ? "root" : t.user());
        if (t.identity() != null) {
            auth.set(AuthMethod.KEY_FILE);
            keyFile.set(t.identity().toString());
        }
        jump.set(t.jump() == null ? "" : t.jump().display());
        if (t.installDir() != null) {
            installDir.set(t.installDir());
            defaultInstallDir = "";
        }
    }

    public StringProperty hostProperty() { return host; }
    public StringProperty portProperty() { return port; }
    public StringProperty userProperty() { return user; }
    public ObjectProperty<AuthMethod> authProperty() { return auth; }
    public StringProperty keyFileProperty() { return keyFile; }
    public StringProperty passphraseProperty() { return passphrase; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty jumpProperty() { return jump; }
    public StringProperty jumpPasswordProperty() { return jumpPassword; }
    public StringProperty installDirProperty() { return installDir; }
    public ObjectProperty<Localized> hostErrorProperty() { return hostError; }
    public ObjectProperty<Localized> portErrorProperty() { return portError; }
    public ObjectProperty<Localized> userErrorProperty() { return userError; }
    public ObjectProperty<Localized> keyErrorProperty() { return keyError; }
    public ObjectProperty<Localized> jumpErrorProperty() { return jumpError; }
    public ObjectProperty<Localized> installDirErrorProperty() { return installDirError; }
    public BooleanProperty formValidProperty() { return formValid; }
    public BooleanProperty connectedProperty() { return connected; }
    public BooleanProperty keyChangedProperty() { return keyChanged; }
    public StringProperty fingerprintProperty() { return fingerprint; }

    public void chooseKeyFile() {
        Path initial = Path.of(System.getProperty("user.home"), ".ssh");
        model.dialogs().chooseFile(model.i18n().get("server.chooseKey"), initial)
                .ifPresent(p -> keyFile.set(p.toString()));
    }
}
