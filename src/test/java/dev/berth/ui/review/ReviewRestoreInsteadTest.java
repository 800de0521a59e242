package dev.berth.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.Localized;
import dev.berth.transfer.TransferException;
import dev.berth.ui.BackupFiles;
import dev.berth.ui.DemoReleases;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restore a backup instead… on the Review step: the way back after a refused downgrade or a failed upgrade, with the
 * bundle version the backup was made with open. Offered when a deployment is live in the install; the backup picked
 * from the server's list is prepared with its own answers and becomes what Deploy sends.
 */
class ReviewRestoreInsteadTest {
    private static final String BACKUP = "20261201-090000-aa01";
    private static final String LIVE = "{\"bundle\":\"demo\",\"version\":\"2.0.0\",\"images\":[]}";

    private final ReleaseLayout layout = new ReleaseLayout(DemoReleases.DIR);
    private final ServerCommands commands = new ServerCommands(Privilege.NONE); // the recorded probe logged in as root
    private final ScriptedShell shell = new ScriptedShell();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs, shell,
            TargetSpec.parse("root@server").withInstallDir(DemoReleases.DIR));
    private final PreparedRelease restore = DemoReleases.demo("20261203-120000-rs01", "20261203-120000-bk02", BACKUP, null);
    private final List<String> prepared = new ArrayList<>();
    private final ReviewViewModel vm = new ReviewViewModel(model, (in, options) -> {
        throw new TransferException(Localized.of("不降级。", "The server runs demo 2.0.0 and this bundle is the older 1.0.0."));
    }, (sh, l, bundle, host, images, info, answers) -> {
        prepared.add(info.id() + " " + bundle.version() + " " + answers);
        return restore;
    });

    ReviewRestoreInsteadTest() {
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        model.reportProperty().set(DemoReleases.report(LIVE)); // as the Checks step left it
    }

    private String listed(String version) {
        return BackupFiles.manifest(BACKUP, version).replaceFirst("}$", ",\"archive\":{\"file\":\"backup.tar.gz\","
                + "\"bytes\":4096,\"sha256\":\"ab\"},\"downMs\":0}") + "\n";
    }

    @Test
    void afterARefusedDowngradeTheBackupOfThisVersionIsPreparedInsteadAndDeploySendsIt() {
        shell.answer(commands.listBackups(layout.backupsDir()), listed("1.0.0"));
        shell.answer(commands.backupMember(layout.backupDir(BACKUP) + "/backup.tar.gz", "r-" + BACKUP + "/.berth/answers.yaml"),
                "API_TOKEN: fromthebackup\n");
        vm.enter();
        assertFalse(vm.isValid());
        assertTrue(vm.restoreOfferedProperty().get());

        vm.restoreInstead();
        assertEquals(List.of(BACKUP + " 1.0.0 {API_TOKEN=fromthebackup}"), prepared);
        assertNull(vm.getProblem());
        assertTrue(vm.isValid(), "Deploy may be pressed");
        assertSame(restore, model.prepared());
        assertTrue(vm.changesProperty().get().startsWith("Restore of backup " + BACKUP + " (taken 2026-12-01T09:00:00Z)"
                + " from the server, with its own settings"), vm.changesProperty().get());
        assertTrue(vm.changesProperty().get().contains("backed up first as 20261203-120000-bk02"));
        assertEquals(restore.rendered().files(), vm.files(), "its rendered files are shown");
        assertFalse(vm.backupOfferedProperty().get());
    }

    @Test
    void aBackupOfAnotherVersionIsRefusedAndNothingIsPrepared() {
        shell.answer(commands.listBackups(layout.backupsDir()), listed("2.0.0"));
        vm.enter();
        vm.restoreInstead();
        assertTrue(prepared.isEmpty());
        assertFalse(vm.isValid());
        assertTrue(vm.getProblem().en().contains("open demo 2.0.0 to restore it"), vm.getProblem().en());
    }

    @Test
    void aFirstInstallOffersNoRestore() {
        model.reportProperty().set(DemoReleases.report(null));
        vm.enter();
        assertFalse(vm.restoreOfferedProperty().get());
    }
}
