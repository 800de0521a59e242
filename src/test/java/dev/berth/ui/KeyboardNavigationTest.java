package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.status.ServiceStatus;
import dev.berth.ui.checks.ChecksFixtures;
import dev.berth.ui.dashboard.DashboardViewModel;
import dev.berth.ui.stack.StackViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard without a mouse: focus starts on a step's first input, Tab walks every control in reading order,
 * arrows pick a stack, and Alt+N / Alt+B / Esc are Next / Back / Cancel in both languages. No server needed.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardNavigationTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private Wizard wizard;
    private Scene scene;

    @Start
    void start(Stage stage) {
        wizard = new Wizard(UiTestModels.model(dialogs));
        scene = wizard.window(stage::close).scene();
        stage.setScene(scene);
        stage.show();
        wizard.viewModel().start();
    }

    private Node focused() {
        WaitForAsyncUtils.waitForFxEvents();
        return scene.getFocusOwner();
    }

    private String id(Node n) {
        return n == null ? "null" : n.getId() == null ? n.getClass().getSimpleName() : n.getId();
    }

    /** Stack → Server → back → Server again, keys only; the step list's selection comes from the arrow keys. */
    @Test
    void movesThroughTheStepsByKeyboardOnly(FxRobot robot) {
        StackViewModel stack = wizard.viewModel().step(Step.STACK);
        assertTrue(stack.entries().size() > 1, "the fixture has several bundles");
        ListView<?> bundles = robot.lookup("#bundles").queryAs(ListView.class);
        assertSame(bundles, focused(), "the stack list has the focus when the wizard opens");
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(stack.entries().get(1), stack.selectedProperty().get(), "Down moved the selection to the second stack");
        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(stack.entries().get(0), stack.selectedProperty().get());

        robot.press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        assertEquals(Step.SERVER, wizard.viewModel().current().step());
        assertEquals("host", id(focused()), "the first field of the server step has the focus");

        robot.press(KeyCode.ALT, KeyCode.B).release(KeyCode.B, KeyCode.ALT);
        assertEquals(Step.STACK, wizard.viewModel().current().step());
        assertEquals("bundles", id(focused()));

        // The same keys after switching to Chinese: Enter on the list is the default button, Next.
        robot.interact(() -> wizard.model().i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        robot.interact(() -> FirstInput.focus(scene.getRoot()));
        assertEquals("下一步", robot.lookup("#next").queryButton().getText());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Step.SERVER, wizard.viewModel().current().step());
        robot.press(KeyCode.ALT, KeyCode.B).release(KeyCode.B, KeyCode.ALT);
        assertEquals(Step.STACK, wizard.viewModel().current().step());

        dialogs.confirmAnswer = false;
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.questions.size(), "Esc asked to cancel: " + dialogs.questions);
    }

    /** Tab from the host field visits every input and button of the server step in reading order, then wraps. */
    @Test
    void tabWalksTheServerStepInReadingOrder(FxRobot robot) {
        StackViewModel stack = wizard.viewModel().step(Step.STACK);
        robot.interact(() -> stack.selectedProperty().set(stack.entries().get(0)));
        robot.interact(() -> wizard.viewModel().next());
        assertEquals(Step.SERVER, wizard.viewModel().current().step());
        assertEquals("host", id(focused()));
        robot.interact(() -> {
            wizard.viewModel().<dev.berth.ui.server.ServerViewModel>step(Step.SERVER).hostProperty().set("192.0.2.10");
            wizard.viewModel().<dev.berth.ui.server.ServerViewModel>step(Step.SERVER).userProperty().set("ops");
            wizard.viewModel().<dev.berth.ui.server.ServerViewModel>step(Step.SERVER).authProperty()
                    .set(dev.berth.ui.server.AuthMethod.AGENT);
        });
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < 40 && !visited.contains("host"); i++) {
            robot.type(KeyCode.TAB);
            visited.add(id(focused()));
        }
        List<String> expected = List.of("port", "user", "authAgent", "jump",
                "installDir", "testConnection", "cancel", "back", "language", "host");
        assertInOrder(expected, visited);
        assertTrue(!visited.contains("next"), "Next is disabled until the connection is tested: " + visited);

        List<String> backwards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
            backwards.add(id(focused()));
        }
        assertEquals(List.of("language", "back", "cancel"), backwards, "Shift+Tab walks back");

        // Inside the radio group the arrows move and Space picks.
        robot.interact(() -> robot.lookup("#authKey").query().requestFocus());
        robot.type(KeyCode.RIGHT);
        assertEquals("authAgent", id(focused()));
        robot.type(KeyCode.RIGHT);
        assertEquals("authPassword", id(focused()));
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(dev.berth.ui.server.AuthMethod.PASSWORD,
                wizard.viewModel().<dev.berth.ui.server.ServerViewModel>step(Step.SERVER).authProperty().get());
    }

    /** Shows a step's view from fixture state without entering it (no server is needed). */
    private void show(FxRobot robot, Step s) {
        robot.interact(() -> {
            WizardViewModel nav = wizard.viewModel();
            nav.indexProperty().set(nav.steps().indexOf(nav.step(s)));
            nav.currentProperty().set(nav.step(s));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The checks list: arrows reach the row Berth can fix, Space asks to apply its fix (declined here). */
    @Test
    void spaceOnACheckAppliesItsFix(FxRobot robot) {
        PreflightReport report = ChecksFixtures.cozeOnCentos();
        robot.interact(() -> wizard.model().reportProperty().set(report));
        show(robot, Step.CHECKS);
        ListView<?> results = robot.lookup("#results").queryAs(ListView.class);
        assertSame(results, focused(), "the checks list has the focus when the step opens");
        int fixable = -1;
        for (int i = 0; i < report.results().size(); i++) {
            CheckResult r = report.results().get(i);
            if (r.fix().isPresent() && r.outcome() != Outcome.PASS) {
                fixable = i;
                break;
            }
        }
        assertTrue(fixable > 0, "the fixture has a fixable check after the first row");
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), dialogs.questions, "Space on a row without a fix does nothing");
        for (int i = 0; i < fixable; i++) {
            robot.type(KeyCode.DOWN);
        }
        dialogs.confirmAnswer = false;
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.questions.size(), dialogs.questions.toString());
        assertTrue(dialogs.questions.get(0).startsWith("Apply the fix?"), dialogs.questions.get(0));
    }

    /** The dashboard table: arrows pick a service, Enter asks for its logs. */
    @Test
    void arrowsAndEnterOnTheDashboardTable(FxRobot robot) {
        DashboardViewModel dash = wizard.viewModel().step(Step.DASHBOARD);
        robot.interact(() -> dash.services().setAll(
                new ServiceStatus("web", "uidemo-web-1", "running", "healthy", 0, Duration.ofMinutes(5), List.of("8080"), 1.5, 20 << 20),
                new ServiceStatus("db", "uidemo-db-1", "running", "healthy", 0, Duration.ofMinutes(5), List.of(), 0.5, 80 << 20)));
        show(robot, Step.DASHBOARD);
        TableView<?> table = robot.lookup("#services").queryAs(TableView.class);
        robot.interact(table::requestFocus);
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("db", dash.selectedProperty().get().service(), "Down picked the second service");
        assertEquals(null, dash.getProblem());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        // No server in this test: the logs Enter asked for end in the step's one-line problem.
        assertNotNull(dash.getProblem(), "Enter asked for the service's logs");
    }

    /** The settings form of coze-studio: a switch flips with Space and reveals its fields. */
    @Test
    void spaceFlipsASwitchInTheSettingsForm(FxRobot robot) {
        robot.interact(() -> wizard.model().bundleProperty().set(UiTestModels.bundle("coze-studio")));
        robot.interact(() -> wizard.viewModel().step(Step.SETTINGS).enter());
        show(robot, Step.SETTINGS);
        org.controlsfx.control.ToggleSwitch ollama = robot.lookup("#field-OLLAMA_ENABLED")
                .queryAs(org.controlsfx.control.ToggleSwitch.class);
        assertTrue(!ollama.isSelected());
        robot.interact(ollama::requestFocus);
        assertSame(ollama, focused());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ollama.isSelected(), "Space flipped the switch");
        assertTrue(robot.lookup("#field-OLLAMA_GPU-box").query().isVisible(), "the switch's fields are shown");
    }

    private static void assertInOrder(List<String> expected, List<String> visited) {
        int at = 0;
        for (String e : expected) {
            int found = visited.subList(at, visited.size()).indexOf(e);
            assertTrue(found >= 0, e + " not reached by Tab in order " + expected + "; visited " + visited);
            at += found + 1;
        }
        assertNotNull(visited);
    }
}
