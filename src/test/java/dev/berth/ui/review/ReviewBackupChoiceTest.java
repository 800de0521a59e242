package dev.berth.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.deploy.DeployOptions;
import dev.berth.deploy.PreparedRelease;
import dev.berth.preflight.PreflightReport;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import dev.berth.transfer.TransferException;
import dev.berth.ui.DemoReleases;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Back up before upgrading" on the Review step: offered only for an upgrade, on by default, and turning it off
 * prepares the release again without the backup, so the summary warns and the Deploy step sends that release. The
 * server's part of preparing answers as Deployer.prepare does for the options it is given.
 */
class ReviewBackupChoiceTest {
    private static final String BACKUP = "20261203-120000-bk01";
    private static final String LIVE = "{\"bundle\":\"demo\",\"version\":\"0.9.0\",\"images\":[\"berth-demo/web:0.9\"]}";

    private final WizardModel model = UiTestModels.model(new ScriptedDialogs(), null,
            TargetSpec.parse("root@server").withInstallDir(DemoReleases.DIR));
    private final PreflightReport report = DemoReleases.report(LIVE);
    private final List<DeployOptions> asked = new ArrayList<>();
    private boolean upgrade = true;

    /** As the engine: an upgrade takes a backup only when asked to. */
    private ReviewViewModel.Prepared prepare(ReviewViewModel.Inputs in, DeployOptions options) {
        asked.add(options);
        String backup = upgrade && options.backupFirst() ? BACKUP : null;
        PreparedRelease r = DemoReleases.demo("r" + asked.size(), backup, null,
                upgrade ? DemoReleases.upgrade("0.9.0", backup) : null);
        return new ReviewViewModel.Prepared(report, r, "");
    }

    private final ReviewViewModel vm = new ReviewViewModel(model, this::prepare);

    @Test
    void anUpgradeOffersTheBackupSwitchedOnAndTheSummarySaysItIsTakenFirst() {
        vm.enter();
        assertTrue(vm.isValid());
        assertTrue(vm.backupOfferedProperty().get());
        assertTrue(vm.backupFirstProperty().get());
        assertEquals(List.of(DeployOptions.DEFAULT), asked);
        assertEquals(BACKUP, model.prepared().backupId());
        assertTrue(vm.changesProperty().get().contains("a backup " + BACKUP + " is taken first"), vm.changesProperty().get());
    }

    @Test
    void turningTheBackupOffPreparesAgainAndTheDeployGetsTheReleaseWithoutIt() {
        vm.enter();
        vm.backupFirstProperty().set(false);
        assertEquals(List.of(DeployOptions.DEFAULT, new DeployOptions(false, false, null)), asked);
        assertTrue(vm.isValid());
        assertTrue(vm.backupOfferedProperty().get(), "still offered, so it can be turned on again");
        assertEquals("r2", model.prepared().releaseId(), "the Deploy step sends what was prepared last");
        assertNull(model.prepared().backupId());
        assertTrue(vm.changesProperty().get().contains("Warning: no backup before the upgrade."), vm.changesProperty().get());

        vm.backupFirstProperty().set(true);
        assertEquals(DeployOptions.DEFAULT, asked.get(2));
        assertEquals(BACKUP, model.prepared().backupId());
    }

    @Test
    void theChoiceIsKeptWhenTheOperatorComesBackToReview() {
        vm.enter();
        vm.backupFirstProperty().set(false);
        vm.enter();
        assertEquals(new DeployOptions(false, false, null), asked.get(asked.size() - 1));
    }

    @Test
    void aDeployThatIsNoUpgradeOffersNoBackupSwitch() {
        upgrade = false;
        vm.enter();
        assertTrue(vm.isValid());
        assertFalse(vm.backupOfferedProperty().get());
        assertEquals("", vm.changesProperty().get());
    }

    @Test
    void aRestoreFromABackupFileIsPreparedWithItAndSaidFirstInTheChanges() throws Exception {
        upgrade = false;
        var file = dev.berth.ui.BackupFiles.write(dev.berth.testsupport.TestTarget.tempDir("berth-review-restore")
                .resolve("demo-b1.tar.gz"), "20261201-090000-aa01", "1.0.0", "API_TOKEN: x\n");
        model.restoreArchiveProperty().set(dev.berth.deploy.BackupArchive.read(file));
        vm.enter();
        assertEquals(List.of(DeployOptions.DEFAULT.withRestore("20261201-090000-aa01")), asked);
        assertTrue(vm.changesProperty().get().startsWith("Restore of backup 20261201-090000-aa01 (taken"
                + " 2026-12-01T09:00:00Z) from demo-b1.tar.gz: the Deploy step uploads it to the server first"),
                vm.changesProperty().get());
        assertFalse(vm.backupOfferedProperty().get(), "a restore is no upgrade");
    }

    @Test
    void theDowngradeRefusalIsShownWithWhatTheWizardCanDoInstead() {
        String engine = "The server runs demo 2.0.0 and this bundle is the older 1.0.0: Berth does not downgrade,"
                + " because the newer version may have changed the data. To go back, restore the backup taken before the"
                + " upgrade (berth restore); to downgrade all the same, add --allow-downgrade. Nothing was changed.";
        TransferException refusal = new TransferException(Localized.of("服务器上运行的是 demo 2.0.0……未做任何改动。", engine));
        PreflightReport newer = DemoReleases.report("{\"bundle\":\"demo\",\"version\":\"2.0.0\",\"images\":[]}");
        ReviewViewModel refusing = new ReviewViewModel(model, (in, options) -> {
            throw ReviewViewModel.downgradeNote(refusal, newer, in.bundle());
        });
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        refusing.enter();
        assertFalse(refusing.isValid(), "nothing to deploy");
        String en = refusing.getProblem().en();
        assertTrue(en.startsWith(engine), en);
        assertTrue(en.contains("The wizard does not downgrade") && en.contains("runs 2.0.0"), en);
        assertTrue(refusing.getProblem().zh().contains("向导不做降级"), refusing.getProblem().zh());
    }

    @Test
    void anotherRefusalIsLeftAsTheEngineSaidIt() {
        TransferException other = new TransferException(Localized.of("缺少镜像。", "An image is missing."));
        assertSame(other, ReviewViewModel.downgradeNote(other, report, UiTestModels.bundle("demo")),
                "the live 0.9.0 is older: an upgrade, not a downgrade");
        assertSame(other, ReviewViewModel.downgradeNote(other, DemoReleases.report(null), UiTestModels.bundle("demo")));
    }
}
