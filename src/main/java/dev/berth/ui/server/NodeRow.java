package dev.berth.ui.server;

import dev.berth.cluster.ClusterNode;
import dev.berth.text.Localized;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One server of the Server step's node table: what the operator types (name, user@host[:port], key file, role,
 * labels) and what its last Test found. Any edit makes the row untested again: the test no longer stands for it.
 */
public final class NodeRow {
    /** Where the row's test stands. */
    public enum Test { UNTESTED, TESTING, OK, FAILED }

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final ObjectProperty<ClusterNode.Role> role = new SimpleObjectProperty<>(ClusterNode.Role.WORKER);
    private final StringProperty labels = new SimpleStringProperty("");
    /** How the node logs in; a password is held here, in memory only, for that node alone. */
    private final ObjectProperty<dev.berth.ssh.LoginMethod> login =
            new SimpleObjectProperty<>(dev.berth.ssh.LoginMethod.KEY);
    private final StringProperty password = new SimpleStringProperty("");
    private final ObjectProperty<Test> test = new SimpleObjectProperty<>(Test.UNTESTED);
    /** What the test found (its swarm membership) or why it failed; null before a test. */
    private final ObjectProperty<Localized> result = new SimpleObjectProperty<>();
    /** What is wrong with the typed fields, one sentence; null when they describe a server. */
    private final ObjectProperty<Localized> problem = new SimpleObjectProperty<>();
    private final StringProperty fingerprint = new SimpleStringProperty("");
    /** The node name its connection was opened under (the name may be edited since); null when none is open. */
    String connectedAs;

    NodeRow(java.util.function.Consumer<NodeRow> onEdit) {
        for (Observable f : new Observable[] {name, address, keyFile, role, labels, login, password}) {
            f.addListener(o -> onEdit.accept(this));
        }
    }

    public StringProperty nameProperty() { return name; }
    public StringProperty addressProperty() { return address; }
    public StringProperty keyFileProperty() { return keyFile; }
    public ObjectProperty<ClusterNode.Role> roleProperty() { return role; }
    public StringProperty labelsProperty() { return labels; }
    public ObjectProperty<dev.berth.ssh.LoginMethod> loginProperty() { return login; }
    public StringProperty passwordProperty() { return password; }
    public ObjectProperty<Test> testProperty() { return test; }
    public ObjectProperty<Localized> resultProperty() { return result; }
    public ObjectProperty<Localized> problemProperty() { return problem; }
    public StringProperty fingerprintProperty() { return fingerprint; }
}
