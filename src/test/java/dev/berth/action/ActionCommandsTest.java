package dev.berth.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Action;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.target.ComposeCommands;
import dev.berth.target.ComposeVariant;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.text.Localized;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionCommandsTest {
    private static final Instant NOON = Instant.parse("2025-01-02T12:00:05Z");
    private static final ReleaseLayout LAYOUT = new ReleaseLayout("/opt/coze");
    private static final ComposeCommands COMPOSE = new ComposeCommands(ComposeVariant.V1_STANDALONE, "coze-studio",
            List.of("docker-compose.yml"), "/elsewhere", Privilege.SUDO);

    private static Action backup(String output) {
        return new Action("backup-mysql", Localized.of("备份", "Back up"), null, "mysql",
                List.of("sh", "-c", "exec mysqldump -uroot -p\"$MYSQL_ROOT_PASSWORD\" --all-databases"), output, 600);
    }

    @Test
    void outputNameCarriesTheTimeBeforeItsExtensions() {
        assertEquals("backups/mysql-20250102-120005.sql.gz", ActionCommands.outputPath("backups/mysql.sql.gz", NOON));
        assertEquals("dump-20250102-120005", ActionCommands.outputPath("dump", NOON));
        assertEquals("a/b/.x-20250102-120005", ActionCommands.outputPath("a/b/.x", NOON));
    }

    @Test
    void serviceActionWithOutputIsComposeExecWithoutTtyIntoAPartialFileInTheLiveRelease() {
        RemoteCommand c = ActionCommands.command(backup("backups/mysql.sql"), COMPOSE, LAYOUT, NOON);
        assertEquals(List.of("sudo", "-n", "sh", "-c", ActionCommands.SAVE_SCRIPT, "berth-action",
                "/opt/coze/data/backups", "mysql-20250102-120005.sql",
                "docker-compose", "-p", "coze-studio", "-f", "docker-compose.yml", "exec", "-T", "mysql",
                "sh", "-c", "exec mysqldump -uroot -p\"$MYSQL_ROOT_PASSWORD\" --all-databases"), c.fullArgv());
        assertEquals("/opt/coze/current", c.workDir());
        assertFalse(c.fullArgv().contains("-t"));
        assertTrue(c.toShell().startsWith("'sudo' '-n' 'sh' '-c' 'cd \"$0\" && exec \"$@\"' '/opt/coze/current' 'sh' '-c' "),
                c.toShell());
    }

    @Test
    void hostActionWithoutOutputRunsAsItIs() {
        Action a = new Action("show", Localized.same("show"), null, null, List.of("ls", "-l"), null, 30);
        RemoteCommand c = ActionCommands.command(a, COMPOSE, LAYOUT, NOON);
        assertEquals(List.of("sudo", "-n", "ls", "-l"), c.fullArgv());
        assertEquals("/opt/coze/current", c.workDir());
    }

    @Test
    void serviceActionWithoutOutputIsComposeExecInTheLiveRelease() {
        Action a = new Action("migrate", Localized.same("migrate"), null, "web", List.of("php", "artisan", "migrate"),
                null, 60);
        assertEquals(new RemoteCommand(List.of("docker-compose", "-p", "coze-studio", "-f", "docker-compose.yml",
                "exec", "-T", "web", "php", "artisan", "migrate"), Privilege.SUDO, "/opt/coze/current"),
                ActionCommands.command(a, COMPOSE, LAYOUT, NOON));
    }

    @Test
    void asRootNoSudoAndOddValuesStayOneArgumentEach() {
        String odd = "it's \"$HOME\"; rm -rf / `id`\nnext";
        ReleaseLayout layout = new ReleaseLayout("/opt/my-app"); // install dirs are plain words
        ComposeCommands root = new ComposeCommands(ComposeVariant.V2_PLUGIN, "my app", List.of("docker-compose.yml"),
                null, Privilege.NONE);
        Action a = new Action("dump", Localized.same("dump"), null, "db", List.of("dump", odd), "my backups/db;1.sql", 60);
        assertEquals(new RemoteCommand(List.of("sh", "-c", ActionCommands.SAVE_SCRIPT, "berth-action",
                "/opt/my-app/data/my backups", "db;1-20250102-120005.sql", "docker", "compose", "-p", "my app", "-f",
                "docker-compose.yml", "exec", "-T", "db", "dump", odd), Privilege.NONE, "/opt/my-app/current"),
                ActionCommands.command(a, root, layout, NOON));

        Action host = new Action("show", Localized.same("show"), null, null, List.of("ls", odd), null, 30);
        assertEquals(new RemoteCommand(List.of("ls", odd), Privilege.NONE, "/opt/my-app/current"),
                ActionCommands.command(host, root, layout, NOON));
    }
}
