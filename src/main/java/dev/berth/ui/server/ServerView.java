package dev.berth.ui.server;

import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Texts;
import dev.berth.ui.Views;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Step 2's view: the target fields, each with its own problem line, and Test connection. */
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
