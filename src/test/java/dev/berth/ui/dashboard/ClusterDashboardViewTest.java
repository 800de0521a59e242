package dev.berth.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.status.SwarmStatus;
import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.Screenshots;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's dashboard step for a cluster, on screen (headless): the view the wizard builds for the step shows the
 * swarm's nodes and services as the scripted manager answered, with the Down node and its banner.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterDashboardViewTest {
    private final ScriptedShell shell = new ScriptedShell();
    private DashboardView view;

    @Start
    void start(Stage stage) {
        WizardModel model = UiTestModels.model(new ScriptedDialogs());
        DashboardViewModel vm = new DashboardViewModel(model);
        ClusterTarget manager = new ClusterDashboardViewModelTest.Manager(shell, new ArrayList<>());
        vm.clusterFrom(() -> manager);
        shell.answer(ClusterDashboardViewModelTest.READ, Recorded.result("swarm-status-node-down.txt"));
        shell.answer(SwarmStatus.logsCommand(Privilege.NONE, "berth-ss", "web", 200), Recorded.result("swarm-logs-web.txt"));
        // As the window does: the step's view first, then the step is entered.
        view = new DashboardView(vm, model.i18n(), model.dialogs());
        vm.enter();
        stage.setScene(new Scene(view.root(), 1280, 900));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::hidden);
    }

    @Test
    void theTablesShowTheSwarmAndTheBannerTheDownNode(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        TableView<NodeRow> nodes = robot.lookup("#nodes").queryTableView();
        TableView<ServiceRow> services = robot.lookup("#services").queryTableView();
        assertEquals(3, nodes.getItems().size());
        assertEquals(List.of("agent", "flaky", "slow", "web", "worker"),
                services.getItems().stream().map(ServiceRow::name).toList());
        assertTrue(robot.lookup((TableCell<?, ?> l) -> "✗ Down".equals(l.getText())).tryQuery().isPresent(), "n3's status cell");
        assertTrue(robot.lookup((TableCell<?, ?> l) -> "✗ degraded".equals(l.getText())).tryQuery().isPresent(), "web's word");
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("This node is not Ready: berth-n3"))
                .tryQuery().isPresent(), "the banner");

        robot.interact(() -> services.getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, robot.lookup("#tasks").queryTableView().getItems().size());
        assertTrue(robot.lookup((Label l) -> "Tasks of web".equals(l.getText())).tryQuery().isPresent());
        robot.clickOn("#showLogs");
        WaitForAsyncUtils.waitForFxEvents();
        String logs = robot.lookup("#logs").queryTextInputControl().getText();
        assertTrue(logs.contains("web up on berth-n2") && logs.contains("web up on berth-n3"), logs);
        assertTrue(shell.commands().size() >= 2 && shell.commands().contains(ClusterDashboardViewModelTest.READ));
        robot.interact(() -> Screenshots.write(services.getScene(), "cluster-dashboard-en"));
    }
}
