package dev.berth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.bundle.DataDir;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands a cluster deploy sends to the nodes from the laptop, as values. */
class NodeCommandsTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBerthTestKey root@n1";

    @Test
    void aLoadKeyRunsDockerLoadOnlyFromTheManagerAndRemovesItselfFirst() {
        assertEquals("restrict,from=\"10.77.0.1\",command=\"sed -i '/ berth-load-r1-n2$/d' ~/.ssh/authorized_keys;"
                        + " exec docker load\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBerthTestKey berth-load-r1-n2",
                NodeCommands.loadKeyLine(KEY, "berth-load-r1-n2", "10.77.0.1", false));
    }

    @Test
    void aLoginThatIsNotRootLoadsThroughSudoAndWithoutAKnownManagerAddressAnyAddressMayUseIt() {
        assertEquals("restrict,command=\"sed -i '/ berth-load-r1-n2$/d' ~/.ssh/authorized_keys; exec sudo -n docker"
                        + " load\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBerthTestKey berth-load-r1-n2",
                NodeCommands.loadKeyLine(KEY, "berth-load-r1-n2", null, true));
    }

    @Test
    void aCommentThatCouldBeAPatternIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NodeCommands.loadKeyLine(KEY, "a/b", null, false));
        assertThrows(IllegalArgumentException.class, () -> NodeCommands.loadKeyLine(KEY, "a.*", null, false));
    }

    @Test
    void theKeyIsMadeOnTheManagerAsRootAndOnlyItsPublicHalfPrinted() {
        RemoteCommand c = new NodeCommands(Privilege.SUDO).makeKey("/opt/x/.berth/transfer/r1", "n2", "berth-load-r1-n2");
        assertEquals(List.of("sudo", "-n", "sh", "-c", "set -e; umask 077; mkdir -p \"$1\"; rm -f \"$1/$2.key\""
                + " \"$1/$2.key.pub\"; ssh-keygen -q -t ed25519 -N '' -C \"$3\" -f \"$1/$2.key\" </dev/null; cat"
                + " \"$1/$2.key.pub\"", "sh", "/opt/x/.berth/transfer/r1", "n2", "berth-load-r1-n2"),
                c.fullArgv());
    }

    @Test
    void dataFoldersAreMadeWithTheirOwnersAndModesAsArguments() {
        RemoteCommand c = new NodeCommands(Privilege.NONE).makeDataDirs("/opt/x/data",
                List.of(new DataDir("worker", null, "0755"), new DataDir("db", "999:999", null)));
        assertEquals(List.of("sh", "-c", c.argv().get(2), "sh", "/opt/x/data", "worker", "", "0755", "db", "999:999",
                ""), c.argv());
    }

    @Test
    void theKeyLineIsAppendedAndTakenBackAsTheLoginUserNotRoot() {
        assertEquals(Privilege.NONE, NodeCommands.allowLoadKey("line").privilege());
        assertEquals(List.of("sh", "-c", NodeCommands.removeLoadKey("c").argv().get(2), "sh", "c"),
                NodeCommands.removeLoadKey("c").argv());
    }
}
