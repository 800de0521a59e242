package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster command settles before anything connects. A node that logs in with a password has it asked for that
 * node alone: from standard input with --password-stdin (a line per such node, in the file's order), else on the
 * terminal; with neither, one sentence says how to give it. A downgrade cannot be allowed on a cluster.
 */
class ClusterDeployInputTest {
    @TempDir
    Path dir;

    private Path cluster() throws Exception {
        Path f = dir.resolve("cluster.yaml");
        Files.writeString(f, """
                nodes:
                  - {name: n1, target: "root@192.0.2.1", role: manager}
                  - {name: n2, target: "ops@192.0.2.2", login: password}
                  - {name: n3, target: "ops@192.0.2.3", login: password}
                """);
        return f;
    }

    @Test
    void withoutATerminalOrStandardInputTheOperatorIsToldHowToGiveThePassword() throws Exception {
        CliRun r = CliRun.run("cluster", "status", "--cluster", cluster().toString());
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Node n2 logs in with a password, and there is no terminal to ask it on: give it on"
                + " standard input with --password-stdin (one line for each such node)."), r.toString());
        assertTrue(r.clean(), r.toString());
        assertTrue(!r.err().contains("Connecting to"), "nothing connects before every password is there");
    }

    @Test
    void standardInputGivesALinePerPasswordNodeAndAMissingLineNamesItsNode() throws Exception {
        CliRun r = CliRun.withStdin("secret-for-n2\n", "cluster", "status", "--cluster", cluster().toString(),
                "--password-stdin");
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Standard input has no password for node n3: --password-stdin takes one line for"
                + " each node with login: password, in the cluster file's order."), r.toString());
        assertTrue(!r.err().contains("secret-for-n2"), "a password is never shown");
    }

    @Test
    void aDowngradeCannotBeAllowedOnAClusterAndNothingConnects() throws Exception {
        CliRun r = CliRun.run("deploy", "--cluster", cluster().toString(), "--bundle", "demo", "--allow-downgrade");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("A cluster deploy does not downgrade: --allow-downgrade does not go with a"
                + " cluster."), r.toString());
        assertTrue(!r.err().contains("Connecting to"), r.toString());
    }
}
