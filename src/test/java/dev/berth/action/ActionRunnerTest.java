package dev.berth.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Action;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.ComposeCommands;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ActionRunner} running the commands of {@link ActionCommands} on the test target. */
@IntegrationTest
class ActionRunnerTest {
    private static final Instant NOON = Instant.parse("2025-01-02T12:00:05Z");

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
