package dev.berth.ui.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The checks list of a cluster on screen: each node's heading with its name and verdict, above its own rows. */
@ExtendWith(ApplicationExtension.class)
class ChecksClusterViewTest {
    @Start
    void start(Stage stage) throws Exception {
        ChecksClusterTest bed = new ChecksClusterTest();
        bed.servers.put("10.77.0.1", ChecksClusterTest.server(ChecksClusterTest.probe(false)));
        // n2 is an s390x machine, which the demo's images are not built for (memory and cores are the nodes' together).
        bed.servers.put("10.77.0.2", ChecksClusterTest.server(ChecksClusterTest.probe(false)
                .replace("\narch=x86_64\n", "\narch=s390x\n")));
        bed.servers.put("10.77.0.3", ChecksClusterTest.server(ChecksClusterTest.probe(false)));
        bed.serverStepDone();
        bed.vm.checkAgain();
        stage.setScene(new Scene(new ChecksView(bed.vm, bed.model.i18n()).root(), 1280, 2400));
        stage.show();
    }

    @Test
    void eachNodeIsHeadedByItsNameAndVerdict(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        for (String heading : List.of("✓  Node n1", "✗  Node n2", "✓  Node n3")) {
            assertTrue(robot.lookup((Label l) -> heading.equals(l.getText())).tryQuery().isPresent(), heading);
        }
        assertEquals(1, robot.lookup((Label l) -> l.getText().startsWith("This node cannot take its part yet"))
                .queryAll().size(), "one node failed");
        assertTrue(robot.lookup((Label l) -> l.getText().startsWith("The server cannot take the stack yet")).tryQuery()
                .isPresent(), "the step's summary judges every node");
    }
}
