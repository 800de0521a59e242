package dev.berth.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.RenderedFile;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.ui.DemoReleases;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Deploy step after an upgrade that failed and was rolled back: the operator learns that the data is as the new
 * version left it and which backup holds it as it was, and may restore that backup here only when the bundle open
 * is the version the backup was made with; the restore then runs in the same step. The server answers as the real
 * one does (the engine's own commands, job-lib.sh's journal lines).
 */
class DeployAfterFailedUpgradeTest {
    private static final String ID = "20261203-080000-up01";
    private static final String BACKUP = "20261203-080000-bk01";
    private static final String RESTORE_ID = "20261203-081000-rs01";
    private static final String BEFORE_RESTORE = "20261203-081000-bk02";

    private final ReleaseLayout layout = new ReleaseLayout(DemoReleases.DIR);
    private final ServerCommands commands = new ServerCommands(Privilege.NONE); // the recorded probe logged in as root
    private final ScriptedShell shell = new ScriptedShell();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs, shell,
            TargetSpec.parse("root@server").withInstallDir(DemoReleases.DIR));
    private final List<String> restoresPrepared = new ArrayList<>();
    private final PreparedRelease restore = DemoReleases.demo(RESTORE_ID, BEFORE_RESTORE, BACKUP, null);
    private final DeployViewModel vm = new DeployViewModel(model, (id, bundle, l, host) -> {
        restoresPrepared.add(id + " with " + bundle.id() + " " + bundle.version());
        return restore;
    });

    private static String line(int seq, String event, String more) {
        return "{\"seq\":" + seq + ",\"ts\":\"2026-12-03T08:00:0" + (seq % 10) + "Z\",\"event\":\"" + event + "\"" + more
                + "}\n";
    }

    /** The upgrade's journal: the backup written first (or not, when it failed), then web unhealthy, rolled back. */
    private static String failedUpgrade(String release, boolean backupWritten) {
        return line(1, "job-start", ",\"release\":\"" + release + "\",\"previous\":\"r1\",\"pid\":4242")
                + line(2, "step-start", ",\"step\":\"backup\"")
                + (backupWritten ? line(3, "backup-taken", ",\"backup\":\"" + BACKUP + "\",\"bytes\":20480,\"down\":0")
                        + line(4, "step-end", ",\"step\":\"backup\",\"ms\":900")
                        + line(5, "step-start", ",\"step\":\"stage-web\"")
                        : "")
                + line(6, "step-failed", ",\"step\":\"" + (backupWritten ? "stage-web" : "backup")
                        + "\",\"exit\":1,\"ms\":900,\"message\":\"web never became healthy\"")
                + line(7, "step-start", ",\"step\":\"rollback\"")
                + line(8, "step-end", ",\"step\":\"rollback\",\"ms\":800")
                + line(9, "job-end", ",\"status\":\"failed\",\"release\":\"" + release + "\",\"current\":\"r1\"");
    }

    private void serverRuns(PreparedRelease release, String journal) {
        Map<String, String> owners = new HashMap<>();
        for (RenderedFile f : release.rendered().files()) {
            if (f.owner() != null) {
                owners.put(f.path(), f.owner());
            }
        }
        String id = release.releaseId();
        shell.answer(commands.unpackRelease(layout.releaseDir(id), owners), "");
        shell.answer(commands.writeFileOnce(layout.installRecord()), "");
        shell.answer(commands.readPreviousAnswers(layout.keptSecrets(), layout.current() + "/.berth/answers.yaml",
                layout.releasesDir(), layout.lastJobFile()), "absent\nabsent\nabsent\n");
        shell.answer(commands.writePrivateFile(layout.keptSecrets()), "");
        shell.answer(commands.startJob(layout.planScript(id), layout.releaseStateDir(id)), "4242\n");
        shell.answer(commands.followJournal(layout.journal(id), layout.releaseStateDir(id)), journal);
    }

    /** Deploys an upgrade of the demo bundle from {@code from} (with the backup first) whose web never gets healthy. */
    private PreparedRelease upgradeFails(String from, boolean backupWritten) {
        PreparedRelease upgrade = DemoReleases.demo(ID, BACKUP, null, DemoReleases.upgrade(from, BACKUP));
        model.bundleProperty().set(upgrade.bundle());
        model.reportProperty().set(DemoReleases.report("{\"bundle\":\"demo\",\"version\":\"" + from + "\"}"));
        serverRuns(upgrade, failedUpgrade(ID, backupWritten));
        model.preparedProperty().set(upgrade);
        vm.enter();
        assertEquals(DeployState.FAILED, vm.stateProperty().get());
        return upgrade;
    }

    @Test
    void anUpgradeFromAnotherVersionNamesTheBackupAndTheBundleToRestoreItWith() {
        upgradeFails("0.9.0", true);
        assertEquals(BACKUP, vm.upgradeBackupProperty().get());
        assertFalse(vm.restoreOfferedProperty().get(), "the backup was made with 0.9.0; this bundle is 1.0.0");
        String en = vm.backupNoteProperty().get().en();
        assertTrue(en.startsWith("The previous release is back and its files are restored, but the data is as the new"
                + " version left it"), en);
        assertTrue(en.contains("run berth restore --backup " + BACKUP + " with the 0.9.0 bundle"), en);
        assertTrue(en.contains("open demo 0.9.0 in the wizard for this server and use Restore a backup instead… on the"
                + " Review step"), en);
        assertTrue(vm.backupNoteProperty().get().zh().contains("berth restore --backup " + BACKUP),
                vm.backupNoteProperty().get().zh());
        vm.restoreBackup();
        assertTrue(dialogs.questions.isEmpty(), "no restore is offered, so none is asked about");
        assertTrue(restoresPrepared.isEmpty());
    }

    @Test
    void anUpgradeOfTheSameVersionOffersTheRestoreHereAndRunsItAsADeployAfterAsking() {
        upgradeFails("1.0.0", true);
        assertTrue(vm.restoreOfferedProperty().get());
        assertTrue(vm.backupNoteProperty().get().en().endsWith("restore it below."), vm.backupNoteProperty().get().en());

        dialogs.confirmAnswer = false;
        vm.restoreBackup();
        assertEquals(1, dialogs.questions.size());
        assertTrue(dialogs.questions.get(0).contains("backed up first"), dialogs.questions.get(0));
        assertTrue(restoresPrepared.isEmpty(), "declined: nothing is prepared");

        dialogs.confirmAnswer = true;
        serverRuns(restore, line(1, "job-start", ",\"release\":\"" + RESTORE_ID + "\"")
                + line(2, "data-restored", ",\"backup\":\"" + BACKUP + "\"")
                + line(3, "job-end", ",\"status\":\"succeeded\",\"release\":\"" + RESTORE_ID + "\",\"current\":\""
                + RESTORE_ID + "\""));
        vm.restoreBackup();
        assertEquals(List.of(BACKUP + " with demo 1.0.0"), restoresPrepared);
        assertSame(restore, model.prepared(), "the dashboard and a reattach use the restore from now on");
        assertEquals(DeployState.SUCCEEDED, vm.stateProperty().get());
        assertEquals(restore.plan().steps().size(), vm.rows().size(), "the restore's own steps are shown");
        assertNull(vm.backupNoteProperty().get());
        assertFalse(vm.restoreOfferedProperty().get());
        vm.enter(); // back and forth: the upgrade is not started again
        assertEquals(DeployState.SUCCEEDED, vm.stateProperty().get());
    }

    @Test
    void aRestoreThatFailsSaysWhereTheDeploymentBeforeItIsKept() {
        upgradeFails("1.0.0", true);
        serverRuns(restore, line(1, "job-start", ",\"release\":\"" + RESTORE_ID + "\"")
                + line(2, "step-start", ",\"step\":\"backup\"")
                + line(3, "backup-taken", ",\"backup\":\"" + BEFORE_RESTORE + "\",\"bytes\":100,\"down\":0")
                + line(4, "step-end", ",\"step\":\"backup\",\"ms\":900")
                + line(5, "step-failed", ",\"step\":\"restore-data\",\"exit\":1,\"ms\":10,\"message\":\"tar failed\"")
                + line(6, "job-end", ",\"status\":\"failed\",\"release\":\"" + RESTORE_ID + "\",\"current\":\"r1\""));
        vm.restoreBackup();
        assertEquals(DeployState.FAILED, vm.stateProperty().get());
        assertFalse(vm.restoreOfferedProperty().get(), "a restore is no upgrade: nothing to restore again from here");
        assertTrue(vm.backupNoteProperty().get().en().contains("before the restore is in backup " + BEFORE_RESTORE),
                vm.backupNoteProperty().get().en());
    }

    @Test
    void noBackupInTheJournalMeansNothingIsPromised() {
        upgradeFails("0.9.0", false);
        assertNull(vm.upgradeBackupProperty().get());
        assertNull(vm.backupNoteProperty().get());
        assertFalse(vm.restoreOfferedProperty().get());
    }
}
