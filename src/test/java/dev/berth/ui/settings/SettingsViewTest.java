package dev.berth.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Choice;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The form generated from bundles/coze-studio on screen: typed controls, live when, repeated groups. */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
    private SettingsViewModel vm;

    @Start
    void start(Stage stage) {
        WizardModel model = UiTestModels.model(new ScriptedDialogs());
        model.bundleProperty().set(UiTestModels.bundle("coze-studio"));
        vm = new SettingsViewModel(model);
        vm.enter();
        ScrollPane scroll = new ScrollPane(new SettingsView(vm, model.i18n(), "Coze Studio").root());
        stage.setScene(new Scene(scroll, 1280, 800));
        stage.show();
    }

    private static boolean shown(FxRobot robot, String id) {
        Node n = robot.lookup("#" + id + "-box").query();
        return n.isVisible() && n.isManaged();
    }

    @Test
    void typedControlsFollowTheParameters(FxRobot robot) {
        assertTrue(robot.lookup("#field-WEB_PORT").query() instanceof Spinner);
        assertTrue(robot.lookup("#field-STORAGE_TYPE").query() instanceof ComboBox);
        assertTrue(robot.lookup("#field-OLLAMA_ENABLED").query() instanceof ToggleSwitch);
        PasswordField secret = robot.lookup("#field-MYSQL_ROOT_PASSWORD").queryAs(PasswordField.class);
        assertFalse(secret.getText().isEmpty(), "a generated secret is filled in");
        assertTrue(robot.lookup("#field-MYSQL_ROOT_PASSWORD-generate").tryQuery().isPresent());
        for (SettingsViewModel.Section section : vm.sections()) {
            assertTrue(robot.lookup((Label l) -> section.title().en().equals(l.getText())).tryQuery().isPresent(),
                    "group title " + section.title().en());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void choosingAChoiceRevealsItsFieldsOnScreen(FxRobot robot) {
        assertFalse(shown(robot, "field-S3_ENDPOINT"));
        ComboBox<Choice> storage = robot.lookup("#field-STORAGE_TYPE").queryAs(ComboBox.class);
        Choice s3 = storage.getItems().stream().filter(c -> c.value().equals("s3")).findFirst().orElseThrow();
        robot.interact(() -> storage.setValue(s3));
        assertTrue(shown(robot, "field-S3_ENDPOINT"));
        assertEquals("s3", vm.field("STORAGE_TYPE").textProperty().get());
        robot.interact(() -> vm.field("STORAGE_TYPE").textProperty().set("minio"));
        assertFalse(shown(robot, "field-S3_ENDPOINT"));

        ToggleSwitch ollama = robot.lookup("#field-OLLAMA_ENABLED").queryAs(ToggleSwitch.class);
        assertFalse(shown(robot, "field-OLLAMA_GPU"));
        robot.interact(() -> ollama.setSelected(true));
        assertTrue(shown(robot, "field-OLLAMA_GPU"));
    }

    @Test
    void repeatedGroupsAddAndRemoveEntriesWithInlineProblems(FxRobot robot) {
        assertTrue(robot.lookup("#field-MODELS-0-NAME").tryQuery().isPresent());
        assertFalse(robot.lookup("#field-MODELS-1-NAME").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#field-MODELS-add").queryButton().fire());
        assertTrue(robot.lookup("#field-MODELS-1-NAME").tryQuery().isPresent());
        robot.interact(() -> vm.list("MODELS").entries().get(1).field("BASE_URL").textProperty().set("ftp://x"));
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = robot.lookup("#field-MODELS-1-BASE_URL-problem").queryAs(Label.class);
        assertTrue(problem.isVisible() && problem.getText().contains("http"), problem.getText());
        robot.interact(() -> robot.lookup("#field-MODELS-0-remove").queryButton().fire());
        assertEquals(1, vm.list("MODELS").entries().size());
        assertEquals("ftp://x", vm.list("MODELS").entries().get(0).field("BASE_URL").textProperty().get());
    }
}
