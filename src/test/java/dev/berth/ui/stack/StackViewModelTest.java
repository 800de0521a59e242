package dev.berth.ui.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.BundleCatalog;
import dev.berth.testsupport.TestTarget;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The stack step lists every bundle (broken ones with their reason) and says what each needs. */
class StackViewModelTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs);
    private final StackViewModel vm = new StackViewModel(model);

    @Test
    void listsTheBundlesAndPicksOne() throws Exception {
        vm.enter();
        long folders;
        try (var s = Files.list(UiTestModels.bundles())) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
        assertEquals(folders, vm.entries().size());
        assertTrue(vm.select("demo"));
        assertTrue(vm.isValid());
        assertTrue(vm.beforeNext());
        assertEquals("demo", model.bundle().id());
        String needs = StackViewModel.needs(model.bundle()).en();
        assertEquals("Needs 1 CPU cores (2 recommended), 0.5 GiB memory (1 GiB recommended), 1 GiB disk, no GPU, ports 18080.", needs);
        assertTrue(StackViewModel.needs(model.bundle()).zh().contains("端口 18080"));
    }

    @Test
    void aBrokenBundleFolderIsListedButCannotBePicked() throws Exception {
        Path dir = TestTarget.tempDir("bundles");
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/bundle.yaml"), "id: broken\nversion: [\n");
        dialogs.directory = dir;
        vm.openFolder();
        BundleCatalog.Entry broken = vm.entries().stream().filter(e -> e.name().equals("broken")).findFirst().orElseThrow();
        assertFalse(broken.ok());
        vm.selectedProperty().set(broken);
        assertFalse(vm.isValid());
    }
}
