package dev.berth.target;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void remoteCommandQuotesEveryWordIncludingSudoAndWorkDir() {
        RemoteCommand c = RemoteCommand.of("docker", "load", "-i", "/opt/x y/it's.tar")
                .withPrivilege(Privilege.SUDO).inDirectory("/opt/x y");
        assertEquals(List.of("sudo", "-n", "docker", "load", "-i", "/opt/x y/it's.tar"), c.fullArgv());
        // The cd runs under sudo as well: release folders may be root's alone.
        assertEquals("'sudo' '-n' 'sh' '-c' 'cd \"$0\" && exec \"$@\"' '/opt/x y' 'docker' 'load' '-i' '/opt/x y/it'\\''s.tar'",
                c.toShell());
        assertEquals("cd '/opt/x y' && 'docker' 'ps'", RemoteCommand.of("docker", "ps").inDirectory("/opt/x y").toShell());
        assertEquals("'echo' '$(rm -rf /)'", RemoteCommand.of("echo", "$(rm -rf /)").toShell());
        assertThrows(IllegalArgumentException.class, () -> RemoteCommand.of(List.of()));
    }

    @Test
    void privilegeFollowsUid() {
        assertEquals(Privilege.NONE, Privilege.forUid(0));
        assertEquals(Privilege.SUDO, Privilege.forUid(1000));
    }

    @Test
    void composeVariantsBuildTheirOwnProgram() {
        assertEquals(List.of("docker", "compose", "-p", "demo", "-f", "docker-compose.yml", "ps"),
                ComposeVariant.V2_PLUGIN.argv("demo", List.of("docker-compose.yml"), List.of("ps")));
        assertEquals(List.of("docker-compose", "-p", "demo", "-f", "a.yml", "-f", "b.yml", "down"),
                ComposeVariant.V1_STANDALONE.argv("demo", List.of("a.yml", "b.yml"), List.of("down")));
        assertEquals(ComposeVariant.V2_STANDALONE, ComposeVariant.standaloneFor("2.20.2"));
        assertEquals(ComposeVariant.V1_STANDALONE, ComposeVariant.standaloneFor("1.29.2"));
        assertTrue(ComposeVariant.V2_STANDALONE.isV2());
        assertFalse(ComposeVariant.V1_STANDALONE.isV2());
    }

    /** Words a shell would split, expand or end a command at: each must arrive as one argv element. */
    static final String NASTY = "it's a \"$HOME\"; rm -rf / `id`\nsecond line";

    @Test
    void composeExecNamesProjectAndFilesAndNeverAllocatesATerminal() {
        ComposeCommands v1 = new ComposeCommands(ComposeVariant.V1_STANDALONE, "demo",
                List.of("docker-compose.yml", "extra.yml"), "/opt/demo/current", Privilege.SUDO);
        assertEquals(new RemoteCommand(List.of("docker-compose", "-p", "demo", "-f", "docker-compose.yml",
                "-f", "extra.yml", "exec", "-T", "web", "sh", "-c", "echo \"$HOME\""), Privilege.SUDO,
                "/opt/demo/current"), v1.exec("web", List.of("sh", "-c", "echo \"$HOME\"")));
        assertEquals(List.of("sudo", "-n", "docker-compose"), v1.exec("web", List.of("true")).fullArgv().subList(0, 3));

        ComposeCommands v2 = new ComposeCommands(ComposeVariant.V2_PLUGIN, "my stack", List.of("a b/c.yml"), null,
                null);
        assertEquals(RemoteCommand.of("docker", "compose", "-p", "my stack", "-f", "a b/c.yml", "exec", "-T", "db",
                "mysqldump", NASTY), v2.exec("db", List.of("mysqldump", NASTY)));
        assertEquals(Privilege.NONE, v2.exec("db", List.of("true")).privilege());
    }

    @Test
    void dockerCallCarriesItsPrivilegeAndKeepsEachArgumentWhole() {
        assertEquals(RemoteCommand.of("docker", "logs", "--tail", "50", "demo-web-1"),
                new DockerCommands(Privilege.NONE).docker(List.of("logs", "--tail", "50", "demo-web-1")));
        assertEquals(new RemoteCommand(List.of("docker", "inspect", "--format", "{{.State.Status}}", NASTY),
                        Privilege.SUDO, null),
                new DockerCommands(Privilege.SUDO).docker(List.of("inspect", "--format", "{{.State.Status}}", NASTY)));
        assertEquals(List.of("sudo", "-n", "docker", "ps"),
                new DockerCommands(Privilege.SUDO).docker(List.of("ps")).fullArgv());
        assertEquals(Privilege.NONE, new DockerCommands(null).docker(List.of("ps")).privilege());
    }

    @Test
    void probeCommandReadsTheScriptFromStdinWithItsArgumentsWhole() {
        assertEquals(RemoteCommand.of("bash", "-s", "--", "/opt/my app"), Prober.command("/opt/my app", List.of()));
        assertEquals(RemoteCommand.of("bash", "-s", "--", "/opt/x", "vm.max_map_count", NASTY),
                Prober.command("/opt/x", List.of("vm.max_map_count", NASTY)));
    }

    @Test
    void httpProbeCommandIsItsScriptAlone() {
        // Request values (URLs, keys) travel on stdin, never in the argv.
        assertEquals(RemoteCommand.of("sh", "-c", HttpProbe.SCRIPT, "sh"), HttpProbe.command());
    }

    @Test
    void versionsCompareByLeadingNumbers() {
        assertTrue(Version.parse("20.10.24").atLeast("20.10"));
        assertTrue(Version.parse("24.0.7").atLeast("20.10"));
        assertFalse(Version.parse("1.13.1").atLeast("20.10"));
        assertTrue(Version.parse("26.1.3-ce").atLeast("26.1.3"));
        assertFalse(Version.parse("26.1.3-ce").atLeast("26.1.4"));
        assertTrue(Version.parse("20.10.24+dfsg1").atLeast("20.10.24"));
        assertTrue(Version.parse("v2.24.5").atLeast("2.0"));
        assertEquals(2, Version.parse("v2.24.5").major());
        assertFalse(Version.parse("17.03.2-ce").atLeast("17.6"));
        assertEquals(0, Version.parse("20.10").compareTo(Version.parse("20.10.0")));
        assertFalse(Version.parse("garbage").isKnown());
        assertTrue(Version.parse("garbage").compareTo(Version.parse("0.1")) < 0);
    }
}
