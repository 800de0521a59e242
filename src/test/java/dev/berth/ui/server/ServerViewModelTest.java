package dev.berth.ui.server;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.HostKeyStore;
import dev.berth.testsupport.TestTarget;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The server step: every field explained, Next only after a tested connection, host keys confirmed or refused. */
@IntegrationTest
class ServerViewModelTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs);
    private final ServerViewModel vm = new ServerViewModel(model);

    private void fillForTarget(TestTarget t) {
        vm.hostProperty().set(t.host());
        vm.portProperty().set(Integer.toString(t.port()));
        vm.userProperty().set(t.user());
        vm.authProperty().set(AuthMethod.KEY_FILE);
        vm.keyFileProperty().set(t.ed25519Key().toString());
        vm.installDirProperty().set("/opt/berth-test/uiserver");
    }

    @Test
    void everyWrongFieldIsExplainedAndNextStaysDisabled() {
        vm.hostProperty().set("");
        vm.portProperty().set("70000");
        vm.userProperty().set("");
        vm.authProperty().set(AuthMethod.KEY_FILE);
        vm.keyFileProperty().set("/nonexistent/id_ed25519");
        vm.jumpProperty().set("@@bad:port");
        vm.installDirProperty().set("opt/relative");
        assertEquals("Enter the server's address.", vm.hostErrorProperty().get().en());
        assertTrue(vm.portErrorProperty().get().en().contains("1 to 65535"));
        assertNotNull(vm.userErrorProperty().get());
        assertTrue(vm.keyErrorProperty().get().en().contains("/nonexistent/id_ed25519"));
        assertNotNull(vm.jumpErrorProperty().get());
        assertTrue(vm.installDirErrorProperty().get().en().contains("absolute path"));
        assertTrue(vm.installDirErrorProperty().get().zh().contains("绝对路径"));
        assertFalse(vm.formValidProperty().get());
        assertFalse(vm.isValid());

        vm.authProperty().set(AuthMethod.PASSWORD);
        assertNull(vm.keyErrorProperty().get(), "no key file is needed to log in with a password");
        vm.hostProperty().set("db.example.com");
        vm.portProperty().set("2222");
        vm.userProperty().set("ops");
        vm.jumpProperty().set("");
        vm.installDirProperty().set("/opt/berth/demo");
        assertTrue(vm.formValidProperty().get());
        assertFalse(vm.isValid(), "a valid form is not enough: the connection must be tested");
    }

    @Test
    void systemFoldersDotSegmentsAndControlCharactersAreRefusedInline() {
        vm.hostProperty().set("db.example.com");
        vm.authProperty().set(AuthMethod.PASSWORD);
        vm.installDirProperty().set("/opt/berth/demo");
        assertTrue(vm.formValidProperty().get());
        for (String bad : new String[] {"/", "/opt", "/etc", "/var/lib/docker/x", "/opt/berth/../etc", "/opt/be\nrth"}) {
            vm.installDirProperty().set(bad);
            assertNotNull(vm.installDirErrorProperty().get(), bad);
            assertFalse(vm.installDirErrorProperty().get().zh().isBlank(), bad);
            assertFalse(vm.formValidProperty().get(), bad);
        }
        vm.installDirProperty().set("/opt");
        assertTrue(vm.installDirErrorProperty().get().en().contains("system folder"));
        assertTrue(vm.installDirErrorProperty().get().zh().contains("系统目录"));
        vm.installDirProperty().set("/srv//coze/");
        assertNull(vm.installDirErrorProperty().get());
        assertEquals("/srv/coze", vm.spec().installDir(), "what is saved and probed is the folded path");
    }

    @Test
    void firstContactAsksAboutTheFingerprintAndAcceptedKeyConnects() {
        TestTarget t = TestTarget.get();
        fillForTarget(t);
        dialogs.trustKeys = false;
        vm.testConnection();
        assertFalse(vm.connectedProperty().get());
        assertNotNull(vm.getProblem());
        assertEquals(java.util.List.of(t.hostKeyFingerprint()), dialogs.fingerprintsShown);

        dialogs.trustKeys = true;
        vm.testConnection();
        assertTrue(vm.connectedProperty().get(), () -> String.valueOf(vm.getProblem()));
        assertTrue(vm.isValid());
        assertEquals(t.hostKeyFingerprint(), vm.fingerprintProperty().get());
        assertEquals("/opt/berth-test/uiserver", model.target().installDir());

        // Another server in the fields: the tested connection no longer counts.
        vm.portProperty().set("2");
        assertFalse(vm.isValid());
        assertFalse(model.isConnected());
    }

    @Test
    void aChangedHostKeyIsRefusedWithAWarning() throws Exception {
        TestTarget t = TestTarget.get();
        fillForTarget(t);
        // Pin a different ed25519 key for this server, as if the server had been replaced.
        String pub = Files.readString(Path.of(t.ed25519Key() + ".pub")).trim().split("\\s+")[1];
        HostKeyStore.inHome(model.berthHome()).pin(t.spec().knownHostsName(), Base64.getDecoder().decode(pub));
        vm.testConnection();
        assertFalse(vm.connectedProperty().get());
        assertTrue(vm.keyChangedProperty().get());
        assertNotNull(vm.getProblem());
        assertTrue(dialogs.fingerprintsShown.isEmpty(), "a changed key is never offered for trust");
        assertFalse(vm.isValid());
    }
}
