package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cluster.ClusterNode;
import dev.berth.text.Localized;
import dev.berth.ui.server.NodeRow;
import dev.berth.ui.server.ServerMode;
import dev.berth.ui.server.ServerViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Server step's node table on a screen (headless): the one-server form hides, every row's fields, Test and Remove
 * show, each row's finding reads in full in both languages, and Add / Remove change the rows.
 */
@ExtendWith(ApplicationExtension.class)
class ServerClusterViewTest {
    private FixtureWindow window;
    private ServerViewModel vm;

    @Start
    void start(Stage stage) {
        window = new FixtureWindow(stage);
        vm = window.wizard().viewModel().step(Step.SERVER);
    }

    @Test
    void theNodeTableShowsEachRowAndItsFindingInBothLanguages(FxRobot robot) {
        window.show(robot, Step.SERVER);
        robot.interact(() -> {
            vm.modeProperty().set(ServerMode.CLUSTER);
            NodeRow first = vm.nodes().get(0);
            first.nameProperty().set("n1");
            first.addressProperty().set("root@10.77.0.1");
            first.labelsProperty().set("data");
            first.testProperty().set(NodeRow.Test.OK);
            first.resultProperty().set(I18n.both("server.node.manager", "10.77.0.1"));
            first.fingerprintProperty().set("SHA256:m2ks8ekx6s56v5ijunbbzbb9qAbCdEf0123456789xyz");
            NodeRow second = vm.addNode();
            second.addressProperty().set("root@10.77.0.2");
            second.testProperty().set(NodeRow.Test.FAILED);
            second.resultProperty().set(I18n.both("server.node.noDocker",
                    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"));
            vm.addNode(); // empty address: its problem shows under it
        });
        assertFalse(robot.lookup("#oneBox").query().isVisible(), "the one-server form is hidden");
        assertTrue(robot.lookup("#clusterBox").query().isVisible());
        assertEquals(3, robot.lookup("#node-test").queryAll().size());
        assertEquals(3, robot.lookup("#node-remove").queryAll().size());

        List<String> clipped = new ArrayList<>();
        for (Locale l : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            robot.interact(() -> window.wizard().model().i18n().setLocale(l));
            robot.interact(() -> {
                clipped.addAll(ClippedText.in(window.scene().getRoot()).stream().map(c -> l + ": " + c).toList());
                Screenshots.write(window.scene(), "02-server-cluster-" + ("zh".equals(l.getLanguage()) ? "zh_CN" : "en"));
            });
            List<String> statuses = robot.lookup(".node-status").queryAll().stream().map(n -> ((Label) n).getText()).toList();
            Localized manager = I18n.both("server.node.manager", "10.77.0.1");
            assertTrue(statuses.get(0).contains(manager.in(l)), statuses.toString());
            assertTrue(statuses.get(0).contains("SHA256:m2ks8"), "the host key the operator trusted: " + statuses);
            assertTrue(statuses.get(1).startsWith("✗"), statuses.toString());
            assertFalse(statuses.get(2).isEmpty(), "the empty address is explained: " + statuses);
        }
        assertTrue(clipped.isEmpty(), clipped.toString());

        robot.interact(() -> window.wizard().model().i18n().setLocale(Locale.ENGLISH));
        robot.clickOn("#addNode");
        assertEquals(4, vm.nodes().size());
        Node lastRemove = robot.lookup("#node-remove").queryAll().stream().reduce((a, b) -> b).orElseThrow();
        robot.clickOn(lastRemove);
        assertEquals(3, vm.nodes().size());
        assertEquals(ClusterNode.Role.MANAGER, vm.nodes().get(0).roleProperty().get());
    }
}
