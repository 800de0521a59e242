package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The job library's backup housekeeping and migrations in the sandbox: how many backups stay, and that a migration
 * runs once per install (the real copy and restore are tested against the real target: CliBackupRestoreTest,
 * CliKvBackupTest).
 */
class JobLibBackupTest extends SandboxedJobLibTest {

    private Path backup(String id, boolean whole) throws Exception {
        Path dir = Files.createDirectories(box.installDir.resolve("backups").resolve(whole ? id : id + ".partial"));
        if (whole) {
            Files.writeString(dir.resolve("backup.json"), "{}\n");
        }
        return dir;
    }

    private Set<String> left() throws Exception {
        try (var s = Files.list(box.installDir.resolve("backups"))) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void exactlyTheNewestNBackupsStayAndEachRemovalIsJournaled() throws Exception {
        for (int i = 1; i <= 5; i++) {
            backup("20261201-0" + i + "0000-bb0" + i, true);
        }
        backup("notes", true); // not a backup id: not Berth's to delete
        Path stale = backup("20261130-000000-dead", false);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(2 * 86400)));
        backup("20261201-070000-live", false); // a backup being written now
        Files.createDirectories(box.installDir.resolve(".berth"));
        Files.writeString(box.installDir.resolve(".berth/keep-backups"), "2\n");

        Path failedJob = Files.createDirectories(box.installDir.resolve(".berth/jobs/20261130-010000-f00d"));
        Files.setLastModifiedTime(failedJob, FileTime.from(Instant.now().minusSeconds(2 * 86400)));
        Path keptJob = Files.createDirectories(box.installDir.resolve(".berth/jobs/20261201-050000-bb05"));
        Files.setLastModifiedTime(keptJob, FileTime.from(Instant.now().minusSeconds(2 * 86400)));
        JobLibSandbox.Run r = box.call("berth_prune_backups 20261201-010000-bb01 20261201-020000-bb02");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Set.of("20261201-050000-bb05", "20261201-040000-bb04", "20261201-010000-bb01",
                        "20261201-020000-bb02", "notes", "20261201-070000-live.partial"), left(),
                "the newest 2, the ones asked to stay (just made, about to be restored), what is not a backup, one still"
                        + " being written");
        assertTrue(Files.notExists(failedJob), "a failed backup job's folder goes once a day old");
        assertTrue(Files.isDirectory(keptJob), "the job folder of a kept backup stays");
        assertEquals(List.of("20261201-030000-bb03"), box.events("backup-removed").stream()
                .map(e -> e.path("backup").asText()).toList());
    }

    @Test
    void atLeastOneBackupStaysWhateverKeepBackupsSays() throws Exception {
        backup("20261201-010000-bb01", true);
        backup("20261201-020000-bb02", true);
        Files.createDirectories(box.installDir.resolve(".berth"));
        Files.writeString(box.installDir.resolve(".berth/keep-backups"), "0\n");
        assertEquals(0, box.call("berth_prune_backups 20261201-020000-bb02").exit());
        assertEquals(Set.of("20261201-020000-bb02"), left());
    }

    @Test
    void aMigrationRunsOnceAndAFailedOneIsNotRecorded() throws Exception {
        Path log = box.installDir.resolve("migrated.txt");
        String run = "run_migration web-log 30 - sh -c 'echo once >> " + log + "'";
        JobLibSandbox.Run first = box.call(run);
        assertEquals(0, first.exit(), first.toString());
        JobLibSandbox.Run again = box.call(run);
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("migration web-log ran before; not again"), again.toString());
        assertEquals("once\n", Files.readString(log));

        assertFalse(box.call("run_migration broken 30 - sh -c 'exit 3'").exit() == 0);
        assertEquals("web-log\n", Files.readString(box.installDir.resolve(".berth/migrations")),
                "a migration that failed runs again next time");
    }
}
