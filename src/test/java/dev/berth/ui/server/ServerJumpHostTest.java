package dev.berth.ui.server;

import dev.berth.testsupport.IntegrationTest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The server step with a jump host, against the real sshd as both hops: the jump host is asked for its own
 * password, and the server's password never reaches it (sshd's VERBOSE log names every password login).
 */
@IntegrationTest
class ServerJumpHostTest {
    private final TestTarget t = TestTarget.get();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs);
    private final ServerViewModel vm = new ServerViewModel(model);

    private void fill() {
        vm.hostProperty().set(t.host());
        vm.portProperty().set(Integer.toString(t.port()));
        vm.userProperty().set(t.user());
        vm.authProperty().set(AuthMethod.PASSWORD);
        vm.passwordProperty().set(new String(t.password()));
        vm.jumpProperty().set(t.user() + "@" + t.host() + ":" + t.port());
        vm.installDirProperty().set("/opt/berth-test/uijump");
        dialogs.trustKeys = true;
    }

    private long logSize() throws Exception {
        return Files.size(Path.of(t.property("log.sshd")));
    }

    private String logSince(long from) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(t.property("log.sshd")));
        return new String(all, (int) from, all.length - (int) from, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theServersPasswordIsNotOfferedToTheJumpHost() throws Exception {
        fill();
        long before = logSize();
        vm.testConnection();
        assertFalse(vm.connectedProperty().get());
        assertNotNull(vm.getProblem());
        assertFalse(logSince(before).contains("password for"), logSince(before));
    }

    @Test
    void theJumpHostLogsInWithItsOwnPassword() throws Exception {
        fill();
        vm.jumpPasswordProperty().set(new String(t.password()));
        long before = logSize();
        vm.testConnection();
        assertTrue(vm.connectedProperty().get(), () -> String.valueOf(vm.getProblem()));
        String log = logSince(before);
        assertTrue(log.split("Accepted password for berthtest", -1).length - 1 == 2, log); // the jump host, then the server
        model.close();
    }
}
