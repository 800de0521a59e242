package dev.berth.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.RenderedFile;
import dev.berth.deploy.BackupInfo;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.TargetSpec;
import dev.berth.status.StatusReader;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.ui.DemoReleases;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Restore… on the dashboard: the server's backups to pick from, a refusal naming the bundle version when the one open
 * is not the backup's, a confirmation, then the restore run as a deploy and the dashboard read again, saying what was
 * restored and where the deployment before it is kept. The server answers with the engine's own commands and the job
 * library's journal lines; the check-and-prepare part stands in for ServerPreflight + Deployer.prepare.
 */
class DashboardRestoreTest {
    private static final String DIR = "/opt/berth-test/status-rec";
    private static final String OLD = "20261201-090000-aa01";
    private static final String NEW = "20261202-090000-bb02";
    private static final String RESTORE_ID = "20261203-100000-rs01";
    private static final String BEFORE = "20261203-100000-bk09";

    private final ReleaseLayout layout = new ReleaseLayout(DIR);
    private final ServerCommands commands = new ServerCommands(Privilege.SUDO); // berthtest, through sudo
    private final ScriptedShell shell = new ScriptedShell().answer(Privilege.ID_U, Recorded.result("id-u-berthtest.txt"));
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs);
    private final PreparedRelease release = DemoReleases.demo(RESTORE_ID, BEFORE, OLD, null);
    private final List<String> prepared = new ArrayList<>();
    private final DashboardViewModel vm;

    DashboardRestoreTest() {
        model.targetProperty().set(new TargetSpec("berthtest", "127.0.0.1", 22, null, null, null, DIR));
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        vm = new DashboardViewModel(model, new ServerLink() {
            @Override
            public RemoteShell shell() {
                return shell;
            }

            @Override
            public void failed(RemoteShell failed) {
            }
        }, Clock.fixed(Recorded.recordedAt("status-healthy.txt"), ZoneId.of("UTC")), () -> "MARK",
                (sh, l, bundle, host, images, info, answers) -> {
                    prepared.add(info.id() + " " + bundle.id() + " " + bundle.version() + " " + answers);
                    return release;
                });
        shell.answer(StatusReader.command(DIR, "", true, Privilege.SUDO), Recorded.result("status-healthy.txt"));
    }

    private static String manifest(String id, String version) {
        return "{\"id\":\"" + id + "\",\"created\":\"" + id.substring(0, 8) + "\",\"release\":{\"bundle\":\"demo\",\"version\":\""
                + version + "\"},\"project\":\"demo\",\"releaseId\":\"r-" + id + "\",\"archive\":{\"file\":\"backup.tar.gz\","
                + "\"bytes\":20480,\"sha256\":\"ab\"},\"downMs\":0,\"stopped\":[],\"volumes\":[],\"dumps\":[]}";
    }

    private void serverHasBackups(String... manifests) {
        shell.answer(commands.listBackups(layout.backupsDir()), String.join("\n", manifests) + (manifests.length == 0 ? "" : "\n"));
    }

    private void backupAnswers(String id) {
        shell.answer(commands.backupMember(layout.backupDir(id) + "/backup.tar.gz", "r-" + id + "/.berth/answers.yaml"),
                "API_TOKEN: fromthebackup\n");
    }

    private void jobRuns(String journal) {
        Map<String, String> owners = new HashMap<>();
        for (RenderedFile f : release.rendered().files()) {
            if (f.owner() != null) {
                owners.put(f.path(), f.owner());
            }
        }
        shell.answer(commands.unpackRelease(layout.releaseDir(RESTORE_ID), owners), "");
        shell.answer(commands.writeFileOnce(layout.installRecord()), "");
        shell.answer(commands.readPreviousAnswers(layout.keptSecrets(), layout.current() + "/.berth/answers.yaml",
                layout.releasesDir(), layout.lastJobFile()), "absent\nabsent\nabsent\n");
        shell.answer(commands.writePrivateFile(layout.keptSecrets()), "");
        shell.answer(commands.startJob(layout.planScript(RESTORE_ID), layout.releaseStateDir(RESTORE_ID)), "4242\n");
        shell.answer(commands.followJournal(layout.journal(RESTORE_ID), layout.releaseStateDir(RESTORE_ID)), journal);
    }

    private static String line(int seq, String event, String more) {
        return "{\"seq\":" + seq + ",\"ts\":\"2026-12-03T10:00:0" + seq + "Z\",\"event\":\"" + event + "\"" + more + "}\n";
    }

    private boolean jobStarted() {
        return shell.commands().contains(commands.startJob(layout.planScript(RESTORE_ID), layout.releaseStateDir(RESTORE_ID)));
    }

    @Test
    void thePickedBackupIsRestoredAsADeployAndTheNoticeSaysWhatAndWhereTheDeploymentBeforeIs() {
        serverHasBackups(manifest(NEW, "1.0.0"), manifest(OLD, "1.0.0"));
        backupAnswers(OLD);
        jobRuns(line(1, "job-start", ",\"release\":\"" + RESTORE_ID + "\"")
                + line(2, "backup-taken", ",\"backup\":\"" + BEFORE + "\",\"bytes\":100,\"down\":0")
                + line(3, "data-restored", ",\"backup\":\"" + OLD + "\"")
                + line(4, "job-end", ",\"status\":\"succeeded\",\"release\":\"" + RESTORE_ID + "\",\"current\":\""
                + RESTORE_ID + "\""));
        dialogs.choice = 1;
        vm.restore();

        assertEquals(List.of(List.of(NEW + " — demo 1.0.0 — taken 20261202 — 20.0 KB",
                OLD + " — demo 1.0.0 — taken 20261201 — 20.0 KB")), dialogs.choicesShown);
        assertTrue(dialogs.questions.get(1).startsWith("Restore backup " + OLD + "?: This replaces the deployment's data")
                && dialogs.questions.get(1).contains("What is there now is backed up first"), dialogs.questions.toString());
        assertEquals(List.of(OLD + " demo 1.0.0 {API_TOKEN=fromthebackup}"), prepared, "the backup's own answers");
        assertTrue(jobStarted());
        assertEquals("Restored backup " + OLD + " as release " + RESTORE_ID + ", which is live. The deployment as it was"
                + " before the restore is backup " + BEFORE + ".", vm.noticeProperty().get());
        assertNull(vm.getProblem());
        assertSame(release, model.prepared());
        assertNotNull(vm.statusProperty().get(), "the dashboard was read again");
        assertTrue(!vm.isBusy());
    }

    @Test
    void aBackupOfAnotherVersionIsNotRestoredAndTheSentenceNamesTheBundleToOpen() {
        serverHasBackups(manifest(OLD, "0.9.0"));
        vm.restore();
        String en = vm.getProblem().en();
        assertTrue(en.startsWith("Backup " + OLD + " was made with demo 0.9.0, and the bundle open is demo 1.0.0: open"
                + " demo 0.9.0 to restore it"), en);
        assertTrue(vm.getProblem().zh().contains("请打开 demo 0.9.0"), vm.getProblem().zh());
        assertEquals(1, dialogs.questions.size(), "only the choice; no confirmation");
        assertTrue(prepared.isEmpty());
        assertTrue(!jobStarted());
    }

    @Test
    void declinedOrCancelledNothingRuns() {
        serverHasBackups(manifest(OLD, "1.0.0"));
        dialogs.confirmAnswer = false;
        vm.restore();
        dialogs.confirmAnswer = true;
        dialogs.choice = -1;
        vm.restore();
        assertTrue(prepared.isEmpty());
        assertTrue(!jobStarted());
        assertNull(vm.noticeProperty().get());
    }

    @Test
    void noBackupsOnTheServerIsSaidAndNothingIsAsked() {
        serverHasBackups();
        vm.restore();
        assertEquals("There are no backups in " + layout.backupsDir() + " on the server yet; Back up… makes one.",
                vm.noticeProperty().get());
        assertTrue(dialogs.questions.isEmpty());
    }

    @Test
    void aFailedRestoreSaysWhyAndWhereTheDeploymentBeforeItIs() {
        serverHasBackups(manifest(OLD, "1.0.0"));
        backupAnswers(OLD);
        jobRuns(line(1, "job-start", ",\"release\":\"" + RESTORE_ID + "\"")
                + line(2, "backup-taken", ",\"backup\":\"" + BEFORE + "\",\"bytes\":100,\"down\":0")
                + line(3, "step-start", ",\"step\":\"restore-data\"")
                + line(4, "step-failed", ",\"step\":\"restore-data\",\"exit\":1,\"ms\":10,\"message\":\"tar: unexpected EOF\"")
                + line(5, "job-end", ",\"status\":\"failed\",\"release\":\"" + RESTORE_ID + "\",\"current\":\"r1\""));
        vm.restore();
        String notice = vm.noticeProperty().get();
        assertTrue(notice.contains("Put back the data of backup " + OLD), notice);
        assertTrue(notice.endsWith(" The deployment as it was before the restore is backup " + BEFORE
                + "; Restore… brings it back."), notice);
        assertNotNull(vm.statusProperty().get(), "the dashboard shows what runs after the rollback");
    }
}
