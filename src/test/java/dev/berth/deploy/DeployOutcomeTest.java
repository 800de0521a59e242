package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.text.Localized;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator is told when a job failed: never that the previous release runs when its rollback failed. */
class DeployOutcomeTest {
    // The journal lines job-lib.sh writes for these endings (shape as in a real journal of the demo bundle).
    private static final String STAGE_FAILED =
            "{\"seq\":5,\"ts\":\"2026-12-02T18:00:05Z\",\"event\":\"step-failed\",\"step\":\"stage-web\",\"exit\":1,\"message\":\"web is unhealthy\"}";
    private static final String ROLLBACK_START =
            "{\"seq\":6,\"ts\":\"2026-12-02T18:00:06Z\",\"event\":\"step-start\",\"step\":\"rollback\",\"release\":\"20261202-170000\"}";

    /** The job-end line of release 20261202-180000's failed job, CURRENT the release live after it ("" for none). */
    private static String failedJobEnd(int seq, String current) {
        return "{\"seq\":" + seq + ",\"ts\":\"t\",\"event\":\"job-end\",\"status\":\"failed\",\"release\":\"20261202-180000\","
                + "\"current\":\"" + current + "\"}";
    }

    private static DeployOutcome outcome(String... lines) {
        List<JournalEvent> events = java.util.Arrays.stream(lines).map(l -> JournalEvent.parse(l).orElseThrow()).toList();
        Optional<JournalEvent> end = events.stream().filter(JournalEvent::isEnd).findFirst();
        return new DeployOutcome("20261202-180000", events, end);
    }

    /** stage-web failed and the rollback ran: ROLLBACK_END is how the rollback step ended, CURRENT what is live. */
    private static DeployOutcome rolledBack(String rollbackEnd, String current) {
        return outcome(STAGE_FAILED, ROLLBACK_START, rollbackEnd, failedJobEnd(8, current));
    }

    @Test
    void aRolledBackFailureNamesTheStepAndTheReleaseStillServing() {
        DeployOutcome o = rolledBack("{\"seq\":7,\"ts\":\"t\",\"event\":\"step-end\",\"step\":\"rollback\"}",
                "20261202-170000");
        assertFalse(o.rollbackFailed());
        assertEquals(Localized.of("部署失败于步骤“启动网页”。版本 20261202-170000 仍在运行。",
                "The deployment failed at step \"Start web\". Release 20261202-170000 is still running."),
                o.failureSentence(Localized.of("启动网页", "Start web")));
    }

    @Test
    void aFailedRollbackSaysNothingMayBeServing() {
        DeployOutcome o = rolledBack(
                "{\"seq\":7,\"ts\":\"t\",\"event\":\"step-failed\",\"step\":\"rollback\",\"exit\":1,\"message\":\"web is unhealthy\"}",
                "");
        assertTrue(o.rollbackFailed());
        assertEquals("stage-web", o.failedStep().orElseThrow().step());
        String en = o.failureSentence(Localized.same("stage-web")).en();
        assertTrue(en.contains("did not come back healthy") && en.contains("nothing may be serving"), en);
        assertFalse(en.contains("still running"), en);
        assertTrue(o.failureSentence(Localized.same("stage-web")).zh().contains("没能恢复"));
    }

    @Test
    void aFirstDeployThatFailedHasNothingToPutBack() {
        DeployOutcome o = outcome(STAGE_FAILED, failedJobEnd(6, ""));
        assertEquals("The deployment failed at step \"stage-web\".", o.failureSentence(Localized.same("stage-web")).en());
    }
}
