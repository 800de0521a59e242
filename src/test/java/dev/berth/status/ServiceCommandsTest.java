package dev.berth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.ssh.Privilege;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's per-service commands as values. */
class ServiceCommandsTest {
    @Test
    void logsFollowAndRestartNameTheContainer() {
        ServiceCommands c = new ServiceCommands(Privilege.NONE);
        assertEquals(List.of("docker", "logs", "--tail", "200", "--timestamps", "demo-web-1"), c.logs("demo-web-1", 200).argv());
        // a followed log carries stderr too: merged on the server, the stream hands on stdout only
        assertEquals(List.of("sh", "-c", "exec \"$@\" 2>&1", "sh", "docker", "logs", "--follow", "--tail", "50", "demo-web-1"),
                c.follow("demo-web-1", 50).argv());
        assertEquals(List.of("sh", "-c", "exec \"$@\" 2>&1", "sh", "sudo", "-n", "docker", "logs", "--follow", "--tail", "50", "x"),
                new ServiceCommands(Privilege.SUDO).follow("x", 50).argv());
        assertEquals(List.of("docker", "restart", "-t", "20", "demo-web-1"), c.restart("demo-web-1").argv());
        String line = c.restart("a b; rm -rf /").toShell();
        assertEquals(true, line.endsWith(dev.berth.text.Quote.shell("a b; rm -rf /")), line);
    }

    @Test
    void sudoIsUsedWhenTheLoginIsNotRoot() {
        List<String> argv = new ServiceCommands(Privilege.SUDO).restart("demo-web-1").fullArgv();
        assertEquals("sudo", argv.get(0), argv.toString());
    }
}
