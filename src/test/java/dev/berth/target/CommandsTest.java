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

    @Test
    void composeCommandsForOneProject() {
        ComposeCommands v1 = new ComposeCommands(ComposeVariant.V1_STANDALONE, "demo",
                List.of("docker-compose.yml"), "/opt/demo/releases/r1", Privilege.SUDO);
        String base = "'sudo' '-n' 'sh' '-c' 'cd \"$0\" && exec \"$@\"' '/opt/demo/releases/r1' 'docker-compose' '-p' 'demo' '-f' 'docker-compose.yml' ";
        assertEquals(base + "'up' '-d' '--no-deps' 'mysql' 'redis'", v1.up(List.of("mysql", "redis")).toShell());
        assertEquals(base + "'up' '-d' '--remove-orphans'", v1.upAll().toShell());
        assertEquals(base + "'ps' '-a'", v1.ps().toShell());
        assertEquals(base + "'ps' '-a' '-q'", v1.psIds().toShell());
        assertEquals(base + "'logs' '--no-color' '--tail' '200' 'web'", v1.logs(200, List.of("web")).toShell());
        assertEquals(base + "'exec' '-T' 'web' 'sh' '-c' 'echo \"$HOME\"'",
                v1.exec("web", List.of("sh", "-c", "echo \"$HOME\"")).toShell());
        assertEquals(base + "'config' '-q'", v1.configQuiet().toShell());
        assertEquals(base + "'down'", v1.down().toShell());
        assertEquals(base + "'stop'", v1.stop(List.of()).toShell());
        assertEquals(base + "'restart' 'web'", v1.restart(List.of("web")).toShell());

        ComposeCommands v2 = new ComposeCommands(ComposeVariant.V2_PLUGIN, "demo", List.of("docker-compose.yml"),
                null, Privilege.NONE);
        assertEquals(RemoteCommand.of("docker", "compose", "-p", "demo", "-f", "docker-compose.yml", "up", "-d",
                "--no-deps", "web"), v2.up(List.of("web")));
        assertEquals(RemoteCommand.of("docker", "compose", "version", "--short"), v2.version());
    }

    @Test
    void dockerCommands() {
        DockerCommands d = new DockerCommands(Privilege.NONE);
        assertEquals(RemoteCommand.of("docker", "load", "-i", "/tmp/web-1.0.tar"), d.load("/tmp/web-1.0.tar"));
        assertEquals(RemoteCommand.of("docker", "image", "inspect", "--format", "{{.Id}}", "web:1.0"),
                d.imageId("web:1.0"));
        assertEquals(RemoteCommand.of("docker", "version", "--format", "{{.Server.Version}}"), d.serverVersion());
        assertEquals(RemoteCommand.of("docker", "ps", "-a", "--filter", "label=com.docker.compose.project=demo",
                "--format", "{{.Names}}"), d.psProject("demo", "{{.Names}}"));
        assertEquals(RemoteCommand.of("docker", "inspect", "--format", "{{.State.Status}}", "a", "b"),
                d.inspect("{{.State.Status}}", List.of("a", "b")));
        assertEquals("'sudo' '-n' 'docker' 'images' '--no-trunc' '--format' '{{.Repository}}:{{.Tag}} {{.ID}}'",
                new DockerCommands(Privilege.SUDO).images().toShell());
        assertEquals(RemoteCommand.of("docker", "logs", "--tail", "50", "demo-web-1"), d.logs("demo-web-1", 50));
        assertEquals(RemoteCommand.of("docker", "tag", "a:1", "b:1"), d.tag("a:1", "b:1"));
        assertEquals(RemoteCommand.of("docker", "rmi", "a:1"), d.removeImage("a:1"));
        assertEquals(RemoteCommand.of("docker", "info", "--format", "{{.DockerRootDir}}"),
                d.info("{{.DockerRootDir}}"));
        assertEquals("docker", d.containerStates(List.of("x")).argv().get(0));
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
