package dev.berth.ui.server;

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
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 2: where the stack goes and how to log in. Next needs a tested connection: "Test connection" connects,
 * shows a new host key's fingerprint for the operator to accept, and refuses a changed key with a warning.
 */
public final class ServerViewModel extends StepModel {
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
        connected.addListener(o -> valid.set(formValid.get() && connected.get()));
        formValid.addListener(o -> valid.set(formValid.get() && connected.get()));
        validate();
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

    /** Fills the fields from a saved target (a profile). */
    public void fill(TargetSpec t) {
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
