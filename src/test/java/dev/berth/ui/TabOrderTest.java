package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.status.ServiceStatus;
import dev.berth.ui.dashboard.DashboardViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Accordion;
import javafx.scene.control.Control;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Toggle;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * On every step (shown from fixtures: coze-studio, the recorded CentOS 7 preflight, two dashboard services), Tab
 * from the step's first control goes round the whole window and reaches every enabled, visible control: no control
 * is out of the keyboard's reach and none traps it.
 */
@ExtendWith(ApplicationExtension.class)
class TabOrderTest {
    private FixtureWindow window;
    private Wizard wizard;
    private Scene scene;

    @Start
    void start(Stage stage) {
        window = new FixtureWindow(stage);
        wizard = window.wizard();
        scene = window.scene();
        DashboardViewModel dash = wizard.viewModel().step(Step.DASHBOARD);
        dash.services().setAll(new ServiceStatus("web", "c-web-1", "running", "healthy", 0, Duration.ofMinutes(5),
                List.of("8080"), 1.5, 20 << 20));
    }

    /** The controls the keyboard must reach: enabled, shown, focus-traversable; containers are looked into. */
    private static void reachable(Node n, Set<Node> out) {
        if (!n.isVisible() || n.isDisabled()) {
            return;
        }
        boolean container = n instanceof ScrollPane || n instanceof TitledPane || n instanceof Accordion
                || n instanceof SplitPane;
        if (n instanceof Control c && (c.isFocusTraversable() || operable(c)) && !container) {
            // An operable control left out of Tab's order is reported too: it is expected and never reached.
            out.add(n);
            return;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                reachable(c, out);
            }
        }
    }

    /** The kinds of control an operator works with (labels and the like are not). */
    private static boolean operable(Control c) {
        return c instanceof javafx.scene.control.ButtonBase || c instanceof javafx.scene.control.TextInputControl
                || c instanceof javafx.scene.control.ComboBoxBase || c instanceof javafx.scene.control.Spinner
                || c instanceof javafx.scene.control.ListView || c instanceof javafx.scene.control.TableView
                || c instanceof org.controlsfx.control.ToggleSwitch;
    }

    private static Node owner(Node focused, Set<Node> expected) {
        for (Node n = focused; n != null; n = n.getParent()) {
            if (expected.contains(n)) {
                return n;
            }
        }
        return focused;
    }

    private static String name(Node n) {
        String text = n instanceof javafx.scene.control.Labeled l ? " \"" + l.getText() + "\"" : "";
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + text;
    }

    @Test
    void tabReachesEveryControlOfEveryStep(FxRobot robot) {
        List<String> missed = new ArrayList<>();
        for (Step s : Step.values()) {
            window.show(robot, s);
            Set<Node> expected = new LinkedHashSet<>();
            robot.interact(() -> reachable(scene.getRoot(), expected));
            Set<Node> visited = new LinkedHashSet<>();
            Node start = owner(scene.getFocusOwner(), expected);
            boolean round = false;
            for (int i = 0; i < expected.size() * 3 + 10 && !round; i++) {
                robot.type(KeyCode.TAB);
                WaitForAsyncUtils.waitForFxEvents();
                Node now = owner(scene.getFocusOwner(), expected);
                visited.add(now);
                round = now == start && i > 0;
            }
            if (!round) {
                missed.add(s + ": Tab never came back round to " + (start == null ? "null" : name(start))
                        + " (a control keeps the focus?) visited " + visited.stream().map(TabOrderTest::name).toList());
            }
            for (Node n : expected) {
                // A radio group is one Tab stop; the arrows move inside it (KeyboardNavigationTest).
                boolean groupReached = n instanceof Toggle t && t.getToggleGroup() != null
                        && visited.stream().anyMatch(v -> v instanceof Toggle o && o.getToggleGroup() == t.getToggleGroup());
                if (!visited.contains(n) && !groupReached) {
                    missed.add(s + ": " + name(n));
                }
            }
        }
        assertTrue(missed.isEmpty(), "not reached by Tab:\n" + String.join("\n", missed));
    }
}
