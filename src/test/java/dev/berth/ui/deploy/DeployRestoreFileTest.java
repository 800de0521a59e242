package dev.berth.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.RenderedFile;
import dev.berth.deploy.BackupArchive;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import dev.berth.ui.BackupFiles;
import dev.berth.ui.DemoReleases;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A restore from a backup file onto a new server: the Deploy step uploads the archive (checked by sha256, shown on
 * the upload bar) before it sends the release that starts from it, and a link dropped during that upload changed
 * nothing that runs there. The server answers with the engine's own commands.
 */
class DeployRestoreFileTest {
    private static final String BACKUP = "20261201-090000-aa01";
    private static final String ID = "20261203-110000-rs01";

    private final ReleaseLayout layout = new ReleaseLayout(DemoReleases.DIR);
    private final ServerCommands commands = new ServerCommands(Privilege.NONE); // the recorded probe logged in as root
    private final ScriptedShell shell = new ScriptedShell();
    private final WizardModel model = UiTestModels.model(new ScriptedDialogs(), shell,
            TargetSpec.parse("root@server").withInstallDir(DemoReleases.DIR));
    private final DeployViewModel vm = new DeployViewModel(model);
    private final PreparedRelease release = DemoReleases.demo(ID, null, BACKUP, null); // a new server: nothing to back up
    private final BackupArchive archive;
    private final String partial = layout.backupDir(BACKUP) + ".partial";

    DeployRestoreFileTest() throws Exception {
        archive = BackupArchive.read(BackupFiles.write(TestTarget.tempDir("berth-restore-file").resolve("b.tar.gz"),
                BACKUP, "1.0.0", "API_TOKEN: feedfacefeedfacefeedfacefeedface\n"));
        model.reportProperty().set(DemoReleases.report(null));
        model.restoreArchiveProperty().set(archive);
    }

    private void serverTakesTheBackup() throws Exception {
        byte[] bytes = Files.readAllBytes(archive.file());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String listed = BackupFiles.manifest(BACKUP, "1.0.0").replaceFirst("}$", ",\"archive\":{\"file\":\"backup.tar.gz\","
                + "\"bytes\":" + bytes.length + ",\"sha256\":\"" + sha + "\"},\"downMs\":0}");
        shell.answer(commands.listBackups(layout.backupsDir()), ""); // not there yet …
        shell.answer(commands.listBackups(layout.backupsDir()), listed + "\n"); // … and there once accepted
        shell.answer(commands.partSize(partial, "backup.tar.gz"), "0\n");
        shell.answer(commands.receiveFile(partial, "backup.tar.gz", bytes.length, 0), sha + "  -\n");
        shell.answer(commands.acceptFile(partial, "backup.tar.gz"), "");
        shell.answer(commands.writePrivateFile(partial + "/backup.json"), "");
        shell.answer(commands.acceptBackup(layout.backupDir(BACKUP)), "");
    }

    private void serverRunsTheRestore() {
        Map<String, String> owners = new HashMap<>();
        for (RenderedFile f : release.rendered().files()) {
            if (f.owner() != null) {
                owners.put(f.path(), f.owner());
            }
        }
        shell.answer(commands.unpackRelease(layout.releaseDir(ID), owners), "");
        shell.answer(commands.writeFileOnce(layout.installRecord()), "");
        shell.answer(commands.readPreviousAnswers(layout.keptSecrets(), layout.current() + "/.berth/answers.yaml",
                layout.releasesDir(), layout.lastJobFile()), "absent\nabsent\nabsent\n");
        shell.answer(commands.writePrivateFile(layout.keptSecrets()), "");
        shell.answer(commands.startJob(layout.planScript(ID), layout.releaseStateDir(ID)), "4242\n");
        shell.answer(commands.followJournal(layout.journal(ID), layout.releaseStateDir(ID)),
                "{\"seq\":1,\"event\":\"job-start\",\"release\":\"" + ID + "\"}\n"
                        + "{\"seq\":2,\"event\":\"data-restored\",\"backup\":\"" + BACKUP + "\"}\n"
                        + "{\"seq\":3,\"event\":\"job-end\",\"status\":\"succeeded\",\"release\":\"" + ID
                        + "\",\"current\":\"" + ID + "\"}\n");
    }

    @Test
    void theBackupGoesUpFirstThenTheReleaseThatStartsFromIt() throws Exception {
        serverTakesTheBackup();
        serverRunsTheRestore();
        List<Double> bar = new ArrayList<>();
        vm.uploadProgressProperty().addListener((o, a, b) -> bar.add(b.doubleValue()));
        model.preparedProperty().set(release);
        vm.enter();

        assertEquals(DeployState.SUCCEEDED, vm.stateProperty().get(), String.join("\n", vm.journal()));
        var sent = shell.commands();
        int accepted = sent.indexOf(commands.acceptBackup(layout.backupDir(BACKUP)));
        int unpacked = sent.indexOf(commands.unpackRelease(layout.releaseDir(ID), Map.of()));
        assertTrue(accepted >= 0, "the backup was kept on the server");
        assertTrue(sent.indexOf(commands.startJob(layout.planScript(ID), layout.releaseStateDir(ID))) > accepted);
        assertTrue(unpacked == -1 || unpacked > accepted);
        assertTrue(vm.journal().contains("· Uploading backup " + BACKUP + " to the server"), vm.journal().toString());
        assertTrue(bar.contains(1.0), "the upload bar follows the backup: " + bar);
        assertNull(model.restoreArchive(), "restored: a later deploy from this window is a plain one");
    }

    @Test
    void aLinkDroppedDuringTheBackupsUploadChangedNothingThatRuns() throws Exception {
        shell.answer(commands.listBackups(layout.backupsDir()), "");
        shell.answer(commands.partSize(partial, "backup.tar.gz"), "0\n");
        shell.fail(commands.receiveFile(partial, "backup.tar.gz", Files.size(archive.file()), 0),
                new SshException(SshException.Kind.CHANNEL, Localized.of("连接中断。", "The connection dropped.")));
        model.preparedProperty().set(release);
        vm.enter();
        assertEquals(DeployState.FAILED, vm.stateProperty().get());
        assertFalse(vm.disconnectedProperty().get(), "no Reattach: no job was started");
        assertTrue(vm.getProblem().en().contains("nothing that runs on the server was changed"), vm.getProblem().en());
        assertEquals(archive, model.restoreArchive(), "kept for the next try");
    }
}
