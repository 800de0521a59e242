package dev.berth.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.deploy.JournalEvent;
import dev.berth.text.Localized;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import org.junit.jupiter.api.Test;

/** The Deploy step's list follows the journal: ticks with timings, the failing step marked, the service's logs kept. */
class DeployViewModelTest {
    private static JournalEvent event(String json) {
        return JournalEvent.parse(json).orElseThrow();
    }

    @Test
    void journalEventsTickStepsAndKeepFailureLogs() {
        DeployViewModel vm = new DeployViewModel(UiTestModels.model(new ScriptedDialogs()));
        vm.rows().add(new StepRow("load-images", Localized.of("载入镜像", "Load images")));
        vm.rows().add(new StepRow("stage-web", Localized.of("启动网页", "Start web")));
        vm.apply(event("{\"seq\":1,\"event\":\"step-start\",\"step\":\"load-images\"}"));
        assertEquals(StepRow.State.RUNNING, vm.rows().get(0).state());
        vm.apply(event("{\"seq\":2,\"event\":\"step-end\",\"step\":\"load-images\",\"ms\":1500}"));
        assertEquals(StepRow.State.DONE, vm.rows().get(0).state());
        assertEquals(1500, vm.rows().get(0).millisProperty().get());
        vm.apply(event("{\"seq\":3,\"event\":\"step-start\",\"step\":\"stage-web\"}"));
        vm.apply(event("{\"seq\":4,\"event\":\"service-logs\",\"service\":\"web\",\"lines\":\"boom\\nlast line\"}"));
        vm.apply(event("{\"seq\":5,\"event\":\"step-failed\",\"step\":\"stage-web\",\"exit\":1,\"message\":\"web never became healthy\"}"));
        assertEquals(StepRow.State.FAILED, vm.rows().get(1).state());
        assertTrue(vm.serviceLogsProperty().get().contains("[web]\nboom\nlast line"), vm.serviceLogsProperty().get());
        assertTrue(vm.journal().contains("✓ Load images (1.5 s)"), vm.journal().toString());
        assertTrue(vm.journal().stream().anyMatch(l -> l.startsWith("✗ Start web: web never became healthy")), vm.journal().toString());
    }
}
