package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code backup:} and {@code migrations:} of bundle.yaml load into, and what the loader refuses in them, each
 * refusal on the line at fault: a service the compose file lacks, a dump that is not a plain file name, a {@code from}
 * that is no version comparison, an {@code after} stage that does not exist, a secret inserted into an argv.
 */
class BackupMigrationReaderTest {
    /** The mini bundle's one compose service is {@code app}; its stages are {@code app} and {@code check}. */
    private static final String BACKUP = """

            backup:
              commands:
                - {service: app, command: [sh, -c, 'pg_dumpall -U "$PGUSER"'], output: db.sql, timeout: 900}
                - {service: app, command: [redis-cli, SAVE]}
              stop: [app]
            """;
    private static final String MIGRATION = """

            migrations:
              - name: rename-key
                from: ">=1.0.0 <1.1"
                after: app
                service: app
                command: [sh, -c, 'redis-cli RENAME old new']
                timeout: 30
              - name: on-host
                from: "<2"
                after: check
                command: [sh, scripts/fix.sh]
            """;

    @TempDir
    Path tmp;
    private int scratches;

    /** A fresh copy of the mini bundle for each call. */
    private ScratchBundle mini() throws Exception {
        return ScratchBundle.ofMini(tmp.resolve(Integer.toString(++scratches)));
    }

    /** The problem on bundle.yaml's line holding WHERE, which contains every one of WORDS. */
    private static void assertRefused(ScratchBundle b, String where, String... words) throws Exception {
        assertRefusedAt(b, b.lineOf(where), words);
    }

    private static void assertRefusedAt(ScratchBundle b, int line, String... words) {
        List<String> problems = b.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("bundle.yaml:" + line + ": ")
                        && List.of(words).stream().allMatch(p::contains)),
                "expected bundle.yaml:" + line + " with " + List.of(words) + " in:\n" + String.join("\n", problems));
    }

    @Test
    void aBundleWithoutBackupStopsEverythingAndHasNoMigrations() throws Exception {
        Bundle b = mini().load();
        assertEquals(BackupRecipe.STOP_ALL, b.backup());
        assertTrue(b.backup().stopsAll());
        assertEquals(List.of(), b.migrations());
    }

    @Test
    void backupCommandsAndStopsLoadInOrderWithTheirDefaults() throws Exception {
        BackupRecipe backup = mini().append(BACKUP).load().backup();
        assertEquals(List.of(
                new BackupRecipe.Command("app", List.of("sh", "-c", "pg_dumpall -U \"$PGUSER\""), "db.sql", 900),
                new BackupRecipe.Command("app", List.of("redis-cli", "SAVE"), null, 600)), backup.commands());
        assertEquals(List.of("app"), backup.stop());
    }

    @Test
    void anEmptyStopListStopsNothingAndNoStopListStopsEverything() throws Exception {
        assertEquals(List.of(), mini().append("\nbackup:\n  stop: []\n").load().backup().stop());
        BackupRecipe commandsOnly = mini().append("\nbackup:\n  commands:\n    - {service: app, command: [sync]}\n")
                .load().backup();
        assertTrue(commandsOnly.stopsAll(), "backup: without stop still stops every service");
        assertEquals(1, commandsOnly.commands().size());
    }

    @Test
    void aTimeoutOfNoTimeIsRefusedForBackupCommandsAndMigrations() throws Exception {
        assertRefused(mini().append("\nbackup:\n  commands:\n    - {service: app, command: [sync], timeout: 0}\n"),
                "timeout: 0", "backup.commands[1]: timeout must be between 1 and 86400 seconds.");
        assertRefused(mini().append(MIGRATION.replace("timeout: 30", "timeout: -5")), "timeout: -5",
                "migration rename-key: timeout must be between 1 and 86400 seconds.");
    }

    @Test
    void aBackupCommandInAServiceTheComposeFileLacksIsRefused() throws Exception {
        ScratchBundle b = mini().append(BACKUP.replace("- {service: app, command: [redis-cli",
                "- {service: cache, command: [redis-cli"));
        assertRefused(b, "service: cache", "backup.commands[2]", "names service cache",
                "which the compose file does not define (app)");
    }

    @Test
    void aStoppedServiceTheComposeFileLacksIsRefused() throws Exception {
        ScratchBundle b = mini().append(BACKUP.replace("stop: [app]", "stop: [app, db]"));
        assertRefused(b, "stop: [app, db]", "backup.stop", "names service db");
    }

    @Test
    void aDumpMustBeAPlainFileNameUnderDumps() throws Exception {
        for (String bad : List.of("../db.sql", "dumps/db.sql", ".db.sql", "db sql", "/tmp/db.sql", "..")) {
            ScratchBundle b = mini().append(BACKUP.replace("output: db.sql", "output: '" + bad + "'"));
            assertRefused(b, "output: '" + bad + "'", "backup.commands[1]", "output must be a plain file name");
        }
        assertEquals("db_1.sql-x", mini().append(BACKUP.replace("output: db.sql", "output: db_1.sql-x")).load()
                .backup().commands().get(0).output());
    }

    @Test
    void twoCommandsCannotWriteTheSameDump() throws Exception {
        ScratchBundle b = mini().append(BACKUP.replace("command: [redis-cli, SAVE]",
                "command: [redis-cli, --rdb, '-'], output: db.sql"));
        assertRefused(b, "--rdb", "backup.commands[2]", "output db.sql is already written by another command");
    }

    @Test
    void aBackupCommandNeedsItsServiceAndItsCommand() throws Exception {
        ScratchBundle b = mini().append("\nbackup:\n  commands:\n    - {command: [sync]}\n    - {service: app}\n");
        assertRefused(b, "{command: [sync]}", "is missing 'service'");
        assertRefused(b, "{service: app}", "is missing 'command'");
    }

    @Test
    void aSecretInABackupArgvIsRefusedAndTheContainersEnvironmentIsTheWay() throws Exception {
        ScratchBundle b = mini().append(BACKUP.replace("[redis-cli, SAVE]", "[sh, -c, 'redis-cli -a {{PASS}} SAVE']"));
        assertRefused(b, "redis-cli -a {{PASS}}", "inserts the secret PASS", "file or the environment");
        ScratchBundle unquoted = mini().append(BACKUP.replace("[redis-cli, SAVE]", "[redis-cli, -a, '{{&TOKEN}}', SAVE]"));
        assertRefused(unquoted, "{{&TOKEN}}", "inserts the secret TOKEN");
        // The variable the container already has is no template: nothing of the secret is in bundle.yaml's argv.
        assertEquals(2, mini().append(BACKUP.replace("[redis-cli, SAVE]",
                "[sh, -c, 'REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli SAVE']")).load().backup().commands().size());
    }

    @Test
    void aBackupTemplateIsFilledInWhenTheReleaseIsRendered() throws Exception {
        Bundle bundle = mini().append(BACKUP.replace("[redis-cli, SAVE]", "[sh, -c, 'echo {{TEXT}} > /tmp/last']"))
                .load();
        java.util.Map<String, Object> raw = new java.util.LinkedHashMap<>();
        raw.put("TEXT", "it's");
        raw.put("MODELS", List.of(java.util.Map.of("NAME", "m")));
        RenderedRelease r = Renderer.render(bundle, AnswersResolver.resolve(bundle, raw), RendererTest.BUILTINS);
        assertEquals(List.of("sh", "-c", "echo 'it'\\''s' > /tmp/last"), r.backup().commands().get(1).command(),
                "a shell's script gets the value shell-quoted");
        assertEquals(List.of("app"), r.backup().stop());
    }

    @Test
    void migrationsLoadWithTheirConditionStageAndPlace() throws Exception {
        List<Migration> m = mini().append(MIGRATION).load().migrations();
        assertEquals(List.of(
                new Migration("rename-key", ">=1.0.0 <1.1", "app", "app", List.of("sh", "-c", "redis-cli RENAME old new"),
                        30),
                new Migration("on-host", "<2", "check", null, List.of("sh", "scripts/fix.sh"), 600)), m);
        assertNull(m.get(1).service(), "without a service it runs on the host");
        assertEquals(new Hook("rename-key", "app", "app", List.of("sh", "-c", "redis-cli RENAME old new"), 30),
                m.get(0).asHook());
    }

    @Test
    void fromMustBeVersionComparisons() throws Exception {
        for (String good : List.of(">=4.0.0 <4.1.0", "<1.1.0", "=2", ">1  <=3.0.0.1", " >=1 ")) {
            ScratchBundle b = mini().append(MIGRATION.replace("from: \">=1.0.0 <1.1\"", "from: \"" + good + "\""));
            assertEquals(good.strip(), b.load().migrations().get(0).from(), good);
        }
        for (String bad : List.of("4.0.0", ">= 4.0.0", "~4.0", "^4", ">=4.0.0,<4.1.0", ">=4.x", "<4.1.0-rc1", "")) {
            ScratchBundle b = mini().append(MIGRATION.replace("from: \">=1.0.0 <1.1\"", "from: \"" + bad + "\""));
            assertRefused(b, "from: \"" + bad + "\"", "migration rename-key", "from must be version comparisons");
        }
    }

    @Test
    void aMigrationNeedsFromAndAfter() throws Exception {
        ScratchBundle b = mini().append(MIGRATION.replace("    from: \">=1.0.0 <1.1\"\n", "")
                .replace("    after: check\n", ""));
        assertRefused(b, "- name: rename-key", "migration rename-key is missing 'from'");
        assertRefused(b, "- name: on-host", "migration on-host is missing 'after'");
    }

    @Test
    void aMigrationAfterAStageThatDoesNotExistIsRefused() throws Exception {
        ScratchBundle b = mini().append(MIGRATION.replace("after: app", "after: data"));
        assertRefused(b, "after: data", "migration rename-key", "after names stage data, which is not defined");
    }

    @Test
    void aMigrationInAServiceTheComposeFileLacksIsRefused() throws Exception {
        ScratchBundle b = mini().append(MIGRATION.replace("service: app", "service: redis"));
        assertRefused(b, "service: redis", "migration rename-key", "names service redis");
    }

    @Test
    void aSecretInAMigrationArgvIsRefused() throws Exception {
        ScratchBundle b = mini().append(MIGRATION.replace("'redis-cli RENAME old new'",
                "'redis-cli -a {{PASS}} RENAME old new'"));
        assertRefused(b, "redis-cli -a {{PASS}}", "migration rename-key.command", "inserts the secret PASS");
    }

    @Test
    void aMigrationNameIsAStepNameUsedOnce() throws Exception {
        // On the second entry's line, the one just above its from.
        ScratchBundle twice = mini().append(MIGRATION.replace("name: on-host", "name: rename-key"));
        assertRefusedAt(twice, twice.lineOf("from: \"<2\"") - 1, "migration rename-key is defined twice");
        ScratchBundle hook = mini().append(MIGRATION.replace("name: on-host", "name: greet"));
        assertRefusedAt(hook, hook.lineOf("from: \"<2\"") - 1,
                "migration greet is defined twice (or shares its name with a hook)");
    }
}
