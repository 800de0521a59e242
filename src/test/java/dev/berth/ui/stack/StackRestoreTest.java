package dev.berth.ui.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import dev.berth.ui.BackupFiles;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.Step;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.Wizard;
import dev.berth.ui.WizardModel;
import dev.berth.ui.settings.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Restore from a backup file…" on the Stack step, for a move to a new server: the archive's bundle is selected, its
 * answers (generated secrets included) fill the Settings step where the operator may change them, and the model keeps
 * the archive for the Deploy step; a backup whose bundle version is not at hand, or a file that is no backup, is
 * refused with a sentence and changes nothing.
 */
class StackRestoreTest {
    private static final String ID = "20261201-090000-aa01";
    private static final String TOKEN = "feedfacefeedfacefeedfacefeedface";

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final Wizard wizard = new Wizard(UiTestModels.model(dialogs));
    private final WizardModel model = wizard.model();
    private final StackViewModel vm = wizard.viewModel().step(Step.STACK);
    private final SettingsViewModel settings = wizard.viewModel().step(Step.SETTINGS);
    private final Path dir = TestTarget.tempDir("berth-backup-file");

    StackRestoreTest() {
        vm.enter();
    }

    private Path backup(String version) throws Exception {
        return BackupFiles.write(dir.resolve("demo-" + ID + ".tar.gz"), ID, version,
                "WEB_PORT: 18555\nGREETING: Hello from the old server\nAPI_TOKEN: " + TOKEN + "\n");
    }

    private boolean otherBundleSelected() {
        return vm.entries().stream().filter(e -> e.ok() && !e.bundle().id().equals("demo")).findFirst()
                .map(e -> {
                    vm.selectedProperty().set(e);
                    return true;
                }).orElse(false);
    }

    @Test
    void theBackupsBundleIsSelectedAndItsAnswersFillTheSettingsWhereTheyCanBeChanged() throws Exception {
        assertTrue(otherBundleSelected(), "the bundles/ folder holds more than the demo");
        dialogs.file = backup("1.0.0");
        vm.restoreFromFile();

        assertNull(vm.getProblem());
        assertEquals("demo", vm.selectedProperty().get().bundle().id());
        assertEquals(ID, model.restoreId());
        assertTrue(vm.restoreText().startsWith("Restoring backup " + ID + " (demo 1.0.0, taken 2026-12-01T09:00:00Z) from demo-"
                + ID + ".tar.gz"), vm.restoreText());
        assertTrue(vm.beforeNext());
        settings.enter();
        assertEquals("18555", settings.field("WEB_PORT").textProperty().get());
        assertEquals(TOKEN, settings.field("API_TOKEN").textProperty().get(), "the backup's secret, not a new one");
        settings.field("GREETING").textProperty().set("Hello from the new server");
        settings.enter();
        assertEquals("Hello from the new server", settings.field("GREETING").textProperty().get(), "an edit stays");
    }

    @Test
    void aFormFilledBeforeTheFileWasChosenIsBuiltAgainFromTheBackup() throws Exception {
        assertTrue(vm.select("demo"));
        vm.beforeNext();
        settings.enter();
        String generated = settings.field("API_TOKEN").textProperty().get();
        vm.restoreFrom(backup("1.0.0"));
        settings.enter();
        assertEquals(TOKEN, settings.field("API_TOKEN").textProperty().get());

        vm.dropRestore();
        assertNull(model.restoreArchive());
        assertEquals(Map.of(), model.startingAnswers());
        settings.enter();
        assertFalse(TOKEN.equals(settings.field("API_TOKEN").textProperty().get()), "no longer the backup's");
        assertEquals(32, settings.field("API_TOKEN").textProperty().get().length(), generated);
    }

    @Test
    void aBackupOfAVersionNotAtHandIsRefusedWithTheVersionToOpen() throws Exception {
        assertTrue(vm.select("demo"));
        vm.restoreFrom(backup("0.9.0"));
        assertTrue(vm.getProblem().en().startsWith("Backup " + ID + " was made with demo 0.9.0, and the bundle open is"
                + " demo 1.0.0: open demo 0.9.0"), vm.getProblem().en());
        assertNull(model.restoreArchive());
        assertTrue(model.startingAnswers().isEmpty());
    }

    @Test
    void aFileThatIsNoBackupIsRefused() throws Exception {
        Path junk = Files.writeString(dir.resolve("notes.tar.gz"), "not gzip");
        vm.restoreFrom(junk);
        assertTrue(vm.getProblem().en().contains("is not a Berth backup that can be read"), vm.getProblem().en());
        assertNull(model.restoreArchive());
    }

    @Test
    void pickingAnotherStackAfterTheFileKeepsTheOperatorHereWithTheReason() throws Exception {
        vm.restoreFrom(backup("1.0.0"));
        assertTrue(otherBundleSelected());
        assertFalse(vm.beforeNext());
        assertTrue(vm.getProblem().en().contains("open demo 1.0.0 to restore it"), vm.getProblem().en());
    }
}
