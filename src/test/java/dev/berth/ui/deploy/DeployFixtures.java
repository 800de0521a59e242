package dev.berth.ui.deploy;

import dev.berth.deploy.JournalEvent;
import dev.berth.text.Localized;

/** A failed deploy as the journal tells it (the events of DeployViewModelTest), for window-wide tests. */
public final class DeployFixtures {
    private DeployFixtures() {}

    public static void failedDeploy(DeployViewModel vm) {
        vm.rows().add(new StepRow("load-images", Localized.of("载入镜像", "Load images")));
        vm.rows().add(new StepRow("stage-web", Localized.of("启动网页", "Start web")));
        for (String json : new String[] {"{\"seq\":1,\"event\":\"step-start\",\"step\":\"load-images\"}",
                "{\"seq\":2,\"event\":\"step-end\",\"step\":\"load-images\",\"ms\":1500}",
                "{\"seq\":3,\"event\":\"step-start\",\"step\":\"stage-web\"}",
                "{\"seq\":4,\"event\":\"service-logs\",\"service\":\"web\",\"lines\":\"boom\\nlast line\"}",
                "{\"seq\":5,\"event\":\"step-failed\",\"step\":\"stage-web\",\"exit\":1,\"message\":\"web never became healthy\"}"}) {
            vm.apply(JournalEvent.parse(json).orElseThrow());
        }
    }
}
