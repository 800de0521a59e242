package dev.berth.ui.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The checks list on screen: a row per result with its verdict and reason, and a Fix button where Berth can fix. */
@ExtendWith(ApplicationExtension.class)
class ChecksViewTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private PreflightReport report;

    @Start
    void start(Stage stage) {
        WizardModel model = UiTestModels.model(dialogs);
        ChecksViewModel vm = new ChecksViewModel(model);
        report = ChecksViewModelTest.cozeOnCentos();
        model.reportProperty().set(report);
        stage.setScene(new Scene(new ChecksView(vm, model.i18n()).root(), 1280, 2400));
        stage.show();
    }

    @Test
    void showsEveryResultWithItsVerdictAndAFixButton(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        for (CheckResult r : report.results()) {
            assertTrue(robot.lookup((Label l) -> l.getText().equals(r.title().en())).tryQuery().isPresent(),
                    "row for " + r.id());
        }
        long failed = report.results().stream().filter(r -> r.outcome() == Outcome.FAIL).count();
        assertEquals(failed, robot.lookup((Label l) -> l.getText().equals("✗ Fail")).queryAll().size());
        Button fix = robot.lookup("#fix-sysctl-vm-max-map-count").queryButton();
        assertEquals("Fix", fix.getText());
        assertTrue(robot.lookup((Label l) -> l.getText().startsWith("The server cannot take the stack yet")).tryQuery().isPresent());
    }
}
