package dev.berth.ui.server;

import dev.berth.cluster.ClusterNode;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Texts;
import dev.berth.ui.Views;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Step 2's view: one server (the target fields, each with its own problem line, and Test connection) or several
 * (a node table, a Test per row, each row's finding on the line under it).
 */
public final class ServerView implements StepView {
    private final ServerViewModel vm;
    private final I18n i18n;
    private final Parent root;
    @FXML private TextField host;
    @FXML private TextField port;
    @FXML private TextField user;
    @FXML private RadioButton authKey;
    @FXML private RadioButton authAgent;
    @FXML private RadioButton authPassword;
    @FXML private Label keyFileLabel;
    @FXML private VBox keyBox;
    @FXML private TextField keyFile;
    @FXML private PasswordField passphrase;
    @FXML private Label passwordLabel;
    @FXML private PasswordField password;
    @FXML private TextField jump;
    @FXML private PasswordField jumpPassword;
    @FXML private TextField installDir;
    @FXML private Label hostError;
    @FXML private Label portError;
    @FXML private Label userError;
    @FXML private Label keyError;
    @FXML private Label jumpError;
    @FXML private Label installDirError;
    @FXML private Button testConnection;
    @FXML private Label connected;
    @FXML private Label keyChanged;
    @FXML private RadioButton modeOne;
    @FXML private RadioButton modeCluster;
    @FXML private VBox oneBox;
    @FXML private VBox clusterBox;
    @FXML private GridPane nodeTable;
    @FXML private TextField clusterInstallDir;
    @FXML private Label clusterInstallDirError;
    @FXML private Label clusterProblem;

    public ServerView(ServerViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(ServerView.class, "server.fxml", this, i18n);
    }

    @FXML
    private void initialize() {
        host.textProperty().bindBidirectional(vm.hostProperty());
        port.textProperty().bindBidirectional(vm.portProperty());
        user.textProperty().bindBidirectional(vm.userProperty());
        keyFile.textProperty().bindBidirectional(vm.keyFileProperty());
        passphrase.textProperty().bindBidirectional(vm.passphraseProperty());
        password.textProperty().bindBidirectional(vm.passwordProperty());
        jump.textProperty().bindBidirectional(vm.jumpProperty());
        jumpPassword.textProperty().bindBidirectional(vm.jumpPasswordProperty());
        // Asked only when there is a jump host: its own password, never the server's.
        jumpPassword.visibleProperty().bind(vm.jumpProperty().isNotEmpty());
        jumpPassword.managedProperty().bind(jumpPassword.visibleProperty());
        installDir.textProperty().bindBidirectional(vm.installDirProperty());
        problem(hostError, vm.hostErrorProperty());
        problem(portError, vm.portErrorProperty());
        problem(userError, vm.userErrorProperty());
        problem(keyError, vm.keyErrorProperty());
        problem(jumpError, vm.jumpErrorProperty());
        problem(installDirError, vm.installDirErrorProperty());

        ToggleGroup auth = new ToggleGroup();
        authKey.setToggleGroup(auth);
        authAgent.setToggleGroup(auth);
        authPassword.setToggleGroup(auth);
        authKey.setUserData(AuthMethod.KEY_FILE);
        authAgent.setUserData(AuthMethod.AGENT);
        authPassword.setUserData(AuthMethod.PASSWORD);
        auth.selectToggle(radioOf(vm.authProperty().get()));
        // A profile or a test may set the method: the radios follow, so Tab lands on the chosen one.
        vm.authProperty().addListener((o, a, m) -> auth.selectToggle(radioOf(m)));
        auth.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.authProperty().set((AuthMethod) t.getUserData());
            }
        });
        show(vm.authProperty().isEqualTo(AuthMethod.KEY_FILE), keyFileLabel, keyBox);
        show(vm.authProperty().isEqualTo(AuthMethod.PASSWORD), passwordLabel, password);

        testConnection.disableProperty().bind(vm.formValidProperty().not().or(vm.busyProperty()));
        connected.textProperty().bind(Bindings.createStringBinding(
                () -> vm.connectedProperty().get() ? "✓ " + i18n.get("server.connected", vm.fingerprintProperty().get()) : "",
                vm.connectedProperty(), vm.fingerprintProperty()));
        keyChanged.visibleProperty().bind(vm.keyChangedProperty());
        keyChanged.managedProperty().bind(vm.keyChangedProperty());
        initializeCluster();
    }

    /** One server or several: the radios, the node table (rebuilt when rows come and go), its problems. */
    private void initializeCluster() {
        ToggleGroup mode = new ToggleGroup();
        modeOne.setToggleGroup(mode);
        modeCluster.setToggleGroup(mode);
        modeOne.setUserData(ServerMode.ONE);
        modeCluster.setUserData(ServerMode.CLUSTER);
        mode.selectToggle(vm.modeProperty().get() == ServerMode.ONE ? modeOne : modeCluster);
        vm.modeProperty().addListener((o, a, m) -> mode.selectToggle(m == ServerMode.ONE ? modeOne : modeCluster));
        mode.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.modeProperty().set((ServerMode) t.getUserData());
            }
        });
        show(vm.modeProperty().isEqualTo(ServerMode.ONE), oneBox);
        show(vm.modeProperty().isEqualTo(ServerMode.CLUSTER), clusterBox);
        clusterInstallDir.textProperty().bindBidirectional(vm.installDirProperty());
        problem(clusterInstallDirError, vm.installDirErrorProperty());
        problem(clusterProblem, vm.clusterProblemProperty());
        vm.nodes().addListener((ListChangeListener<NodeRow>) c -> buildTable());
        buildTable();
    }

    private Label text(String key) {
        Label l = new Label();
        l.textProperty().bind(Bindings.createStringBinding(() -> i18n.get(key), i18n.localeProperty()));
        return l;
    }

    private void buildTable() {
        nodeTable.getChildren().clear();
        String[] heads = {"server.node.name", "server.node.address", "server.node.login", "server.node.keyFile",
                "server.node.role", "server.node.labels"};
        for (int c = 0; c < heads.length; c++) {
            Label head = text(heads[c]);
            head.setMinWidth(Region.USE_PREF_SIZE);
            nodeTable.add(head, c, 0);
        }
        int line = 1;
        for (NodeRow row : vm.nodes()) {
            TextField name = field(row.nameProperty(), "node-name", 80);
            TextField address = field(row.addressProperty(), "node-address", 150);
            address.setPromptText("root@10.0.0.11");
            TextField key = field(row.keyFileProperty(), "node-key", 150);
            ChoiceBox<dev.berth.ssh.LoginMethod> login = new ChoiceBox<>(
                    FXCollections.observableArrayList(dev.berth.ssh.LoginMethod.values()));
            login.setId("node-login");
            login.setConverter(new StringConverter<>() {
                @Override
                public String toString(dev.berth.ssh.LoginMethod m) {
                    return m == null ? "" : i18n.get("server.node.login." + m.word());
                }

                @Override
                public dev.berth.ssh.LoginMethod fromString(String s) {
                    return null;
                }
            });
            login.valueProperty().bindBidirectional(row.loginProperty());
            login.setMinWidth(Region.USE_PREF_SIZE);
            // The key file's cell holds the password field for a node that logs in with one.
            javafx.scene.control.PasswordField password = new javafx.scene.control.PasswordField();
            password.setId("node-password");
            password.setPrefWidth(150);
            password.textProperty().bindBidirectional(row.passwordProperty());
            password.promptTextProperty().bind(Bindings.createStringBinding(() -> i18n.get("server.node.password"),
                    i18n.localeProperty()));
            javafx.scene.layout.StackPane secret = new javafx.scene.layout.StackPane(key, password);
            Runnable showSecret = () -> {
                boolean byPassword = row.loginProperty().get() == dev.berth.ssh.LoginMethod.PASSWORD;
                password.setVisible(byPassword);
                key.setVisible(row.loginProperty().get() == dev.berth.ssh.LoginMethod.KEY);
            };
            row.loginProperty().addListener((o, a, b) -> showSecret.run());
            showSecret.run();
            ChoiceBox<ClusterNode.Role> role = new ChoiceBox<>(FXCollections.observableArrayList(ClusterNode.Role.values()));
            role.setId("node-role");
            role.setConverter(new StringConverter<>() {
                @Override
                public String toString(ClusterNode.Role r) {
                    return r == null ? "" : i18n.get("server.node.role." + r.word());
                }

                @Override
                public ClusterNode.Role fromString(String s) {
                    return null;
                }
            });
            role.valueProperty().bindBidirectional(row.roleProperty());
            role.setMinWidth(Region.USE_PREF_SIZE);
            TextField labels = field(row.labelsProperty(), "node-labels", 110);
            labels.setPromptText("data, app");
            Button test = new Button();
            test.setId("node-test");
            test.textProperty().bind(Bindings.createStringBinding(() -> i18n.get("server.node.test"), i18n.localeProperty()));
            test.disableProperty().bind(row.problemProperty().isNotNull()
                    .or(row.testProperty().isEqualTo(NodeRow.Test.TESTING)));
            test.setOnAction(e -> vm.testNode(row));
            test.setMinWidth(Region.USE_PREF_SIZE);
            Button remove = new Button();
            remove.setId("node-remove");
            remove.textProperty().bind(Bindings.createStringBinding(() -> i18n.get("server.node.remove"), i18n.localeProperty()));
            remove.setOnAction(e -> vm.removeNode(row));
            remove.setMinWidth(Region.USE_PREF_SIZE);
            nodeTable.addRow(line, name, address, login, secret, role, labels, test, remove);
            Label status = new Label();
            status.setWrapText(true);
            status.textProperty().bind(Bindings.createStringBinding(() -> statusOf(row), row.problemProperty(),
                    row.testProperty(), row.resultProperty(), row.fingerprintProperty(), i18n.localeProperty()));
            status.getStyleClass().add("node-status");
            row.testProperty().addListener((o, a, t) -> styleStatus(status, row));
            row.problemProperty().addListener((o, a, p) -> styleStatus(status, row));
            styleStatus(status, row);
            nodeTable.add(status, 0, line + 1, 8, 1);
            line += 2;
        }
    }

    private static void styleStatus(Label status, NodeRow row) {
        status.getStyleClass().removeAll("ok", "problem");
        if (row.problemProperty().get() != null || row.testProperty().get() == NodeRow.Test.FAILED) {
            status.getStyleClass().add("problem");
        } else if (row.testProperty().get() == NodeRow.Test.OK) {
            status.getStyleClass().add("ok");
        }
    }

    /** A row's one line under it: what is wrong with it, or what its test found (with the host key it trusted). */
    private String statusOf(NodeRow row) {
        if (row.problemProperty().get() != null) {
            return i18n.t(row.problemProperty().get());
        }
        return switch (row.testProperty().get()) {
            case UNTESTED -> "";
            case TESTING -> i18n.get("server.node.testing");
            case OK -> "✓ " + i18n.t(row.resultProperty().get()) + "  "
                    + i18n.get("server.node.hostKey", row.fingerprintProperty().get());
            case FAILED -> "✗ " + i18n.t(row.resultProperty().get());
        };
    }

    private static TextField field(javafx.beans.property.StringProperty value, String id, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    @FXML
    private void addNode() {
        vm.addNode();
    }

    private RadioButton radioOf(AuthMethod m) {
        return switch (m) {
            case KEY_FILE -> authKey;
            case AGENT -> authAgent;
            case PASSWORD -> authPassword;
        };
    }

    private static void show(javafx.beans.binding.BooleanBinding when, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(when);
            n.managedProperty().bind(when);
        }
    }

    private void problem(Label label, ObjectProperty<Localized> sentence) {
        label.textProperty().bind(Texts.of(i18n, sentence));
        label.visibleProperty().bind(sentence.isNotNull());
        label.managedProperty().bind(sentence.isNotNull());
    }

    @FXML
    private void browseKey() {
        vm.chooseKeyFile();
    }

    @FXML
    private void testConnection() {
        vm.testConnection();
    }

    @Override
    public Parent root() {
        return root;
    }
}
