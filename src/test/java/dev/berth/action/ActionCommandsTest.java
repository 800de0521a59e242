package dev.berth.action;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Action;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.ComposeCommands;
import dev.berth.target.ComposeVariant;
import dev.berth.target.Facts;
import dev.berth.ssh.Privilege;
import dev.berth.target.Prober;
import dev.berth.ssh.RemoteCommand;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@IntegrationTest
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

    /**
     * The command run for real: over SSH as the sudo user, against a compose project in a release folder that
     * {@code current} points at, on the test target's Docker engine.
     */
    @Test
    void backupActionRunsForRealAndAFailingOneLeavesNoFile() throws Exception {
        TestTarget t = TestTarget.get();
        String dir = "/opt/berth-test/action";
        String docker = t.dockerCmd();
        String image = "berth-action-test/busybox:1.0";
        String project = "berthactiontest";
        Runnable clean = () -> TestTarget.runLocal("cd " + dir + "/current 2>/dev/null && " + t.composeCmd() + " -p "
                + project + " down -t 1; rm -rf " + dir, Duration.ofMinutes(2));
        clean.run();
        try {
            TestTarget.runLocalOk("(" + docker + " image inspect " + image + " >/dev/null 2>&1 || { " + docker
                    + " load -i " + t.imagesDir().resolve("web-1.0.tar") + " >/dev/null && " + docker
                    + " tag berth-demo/web:1.0 " + image + "; }) && mkdir -p " + dir + "/releases/r1 && cd " + dir
                    + "/releases/r1 && printf 'SECRET_WORD=s3cr3t\\n' > .env && printf '%s\\n' 'version: \"2.4\"' "
                    + "'services:' '  db:' '    image: " + image + "' '    command: [\"sleep\", \"3600\"]' "
                    + "'    environment:' '      SECRET_WORD: ${SECRET_WORD}' > docker-compose.yml && "
                    + "ln -sfn releases/r1 " + dir + "/current && " + t.composeCmd() + " -p " + project + " up -d");
            try (RemoteShell shell = t.connect()) {
                Facts facts = Prober.probe(shell, dir).facts();
                ComposeCommands compose = new ComposeCommands(facts.docker().compose().orElseThrow().variant(), project,
                        List.of("docker-compose.yml"), null, facts.access().privilege());
                ReleaseLayout layout = new ReleaseLayout(dir);

                Action ok = new Action("dump", Localized.same("dump"), null, "db",
                        List.of("sh", "-c", "echo \"word=$SECRET_WORD\"; echo 'quote '\"'\"' & $(x)'"),
                        "backups/db.txt", 60);
                ActionOutcome done = ActionRunner.run(shell, ok, ActionCommands.command(ok, compose, layout, NOON));
                assertEquals(0, done.exitCode(), done.stderr());
                assertEquals(dir + "/data/backups/db-20250102-120005.txt", done.outputFile());
                assertEquals("word=s3cr3t\nquote ' & $(x)\n", TestTarget.runLocalOk("cat " + done.outputFile()));
                assertEquals("600", TestTarget.runLocalOk("stat -c %a " + done.outputFile()).strip());

                Action bad = new Action("dump", Localized.same("dump"), null, "db",
                        List.of("sh", "-c", "echo partial; echo broken >&2; exit 3"), "backups/db.txt", 60);
                ActionOutcome failed = ActionRunner.run(shell, bad, ActionCommands.command(bad, compose, layout,
                        NOON.plusSeconds(1)));
                assertEquals(3, failed.exitCode());
                assertNull(failed.outputFile());
                assertTrue(failed.stderr().contains("broken"), failed.stderr());
                assertEquals("db-20250102-120005.txt\n", TestTarget.runLocalOk("ls -A " + dir + "/data/backups"));
            }
        } finally {
            clean.run();
        }
    }
}
