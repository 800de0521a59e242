package dev.berth.ui;

import dev.berth.ui.checks.ChecksFixtures;
import dev.berth.ui.stack.StackViewModel;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard in a shown window whose steps take their state from fixtures (coze-studio chosen, the recorded CentOS 7
 * preflight as the checks' report), so that any step's view can be shown with no server.
 */
final class FixtureWindow {
    private final Wizard wizard;
    private final Scene scene;

    FixtureWindow(Stage stage) {
        wizard = new Wizard(UiTestModels.model(new ScriptedDialogs()));
        scene = wizard.window(stage::close).scene();
        stage.setScene(scene);
        stage.show();
        wizard.viewModel().start();
        StackViewModel stack = wizard.viewModel().step(Step.STACK);
        stack.selectedProperty().set(stack.entries().stream()
                .filter(e -> e.ok() && e.bundle().id().equals("coze-studio")).findFirst().orElseThrow());
        stack.beforeNext(); // takes the chosen stack into the model, so the settings form is built from it
        wizard.model().reportProperty().set(ChecksFixtures.cozeOnCentos());
    }

    Wizard wizard() {
        return wizard;
    }

    Scene scene() {
        return scene;
    }

    /** Shows a step's view from the fixture state; only steps whose entry needs no server are entered. */
    void show(FxRobot robot, Step s) {
        robot.interact(() -> {
            WizardViewModel nav = wizard.viewModel();
            StepModel m = nav.step(s);
            if (s == Step.STACK || s == Step.SERVER || s == Step.SETTINGS) {
                m.enter();
            }
            nav.indexProperty().set(nav.steps().indexOf(m));
            nav.currentProperty().set(m);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
