package dev.berth.deploy;

import static dev.berth.deploy.JobLibSandbox.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * job-lib/steps.sh: a step's start and end in the journal, a hook that fails (on the host or in a service) failing its
 * step with its exit code and output, and a failed job putting the previous release back, replaying its recorded
 * readiness. Plans rendered by PlanScript, run by bash against fake docker and compose.
 */
class JobLibStepsTest extends SandboxedJobLibTest {
    static final String PREVIOUS = "20261201-100000-aaaa";

    @Test
    void aHookThatFailsFailsItsStepWithItsExitCodeAndOutput() throws Exception {
        JobLibSandbox.Run r = box.run(box.plan(List.of(
                step("hook-migrate", "hook_exec", "30", "-", "sh", "-c", "echo 'table users is locked'; exit 3"),
                step("switch-current", "switch_current")), ""));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("job-start", "step-start", "output", "step-failed", "job-end"), box.eventNames());
        assertEquals("table users is locked", box.events("output").get(0).path("text").asText());
        JsonNode failed = box.events("step-failed").get(0);
        assertEquals("hook-migrate", failed.path("step").asText());
        assertEquals(3, failed.path("exit").asInt());
        assertTrue(failed.path("exit").isNumber() && failed.path("ms").isNumber(), failed.toString());
        assertEquals("hook exited with 3", failed.path("message").asText());
        JsonNode end = box.lastEvent();
        assertEquals("failed", end.path("status").asText());
        assertEquals("", end.path("current").asText(), "a first deploy has nothing to go back to");
        assertEquals("failed\n", box.stateFile("status"));
        assertTrue(!Files.exists(box.installDir.resolve("current")), "the release did not go live");
    }

    @Test
    void aHookInAServiceRunsThroughComposeExecAndItsFailureCounts() throws Exception {
        box.composeV2();
        box.run(box.plan(List.of(step("activate", "activate_release"),
                step("hook-seed", "hook_exec", "30", "web", "sh", "-c", "exit 4")), ""));
        assertEquals(4, box.events("step-failed").get(0).path("exit").asInt());
        assertEquals(List.of(List.of("docker", "compose", "-p", "demo", "-f", box.installDir + "/active/docker-compose.yml",
                "exec", "-T", "web", "sh", "-c", "exit 4")), box.calls("docker", "compose"));
    }

    @Test
    void aFailedJobPutsThePreviousReleaseBackByItsRecordedReadiness() throws Exception {
        Path previous = box.release(PREVIOUS);
        // What the previous release's own deploy recorded (printf %q lines) and the link it left.
        Files.writeString(previous.resolve(".berth/readiness"), "stage_up 30 healthy web \n");
        Files.delete(box.installDir.resolve("active"));
        Files.createSymbolicLink(box.installDir.resolve("active"), Path.of("releases/" + PREVIOUS));
        Files.createSymbolicLink(box.installDir.resolve("current"), Path.of("releases/" + PREVIOUS));
        box.service("web", "running healthy 0 0");

        JobLibSandbox.Run r = box.run(box.plan(List.of(step("activate", "activate_release"),
                step("hook-fails", "hook_exec", "30", "-", "false")), ""));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("job-start", "step-start", "step-end", "step-start", "step-failed", "step-start", "step-end",
                "job-end"), box.eventNames());
        assertEquals(PREVIOUS, box.journal().get(0).path("previous").asText());
        JsonNode rollback = box.events("step-start").get(2);
        assertEquals("rollback", rollback.path("step").asText());
        assertEquals(PREVIOUS, rollback.path("release").asText());
        assertEquals(PREVIOUS, box.lastEvent().path("current").asText());
        assertEquals(Path.of("releases/" + PREVIOUS), Files.readSymbolicLink(box.installDir.resolve("active")));
        assertEquals(Path.of("releases/" + PREVIOUS), Files.readSymbolicLink(box.installDir.resolve("current")));
        // The replayed stage: compose up on the active link, now the previous release again.
        assertEquals(List.of("docker-compose", "-p", "demo", "-f", box.installDir + "/active/docker-compose.yml",
                "up", "-d", "--remove-orphans", "web"), box.calls("docker-compose", "-p", "demo", "-f",
                box.installDir + "/active/docker-compose.yml", "up").get(0));
    }

    @Test
    void aPassedReadinessStepIsRecordedForALaterRollback() throws Exception {
        box.service("web", "running healthy 0 0");
        box.run(box.plan(List.of(step("activate", "activate_release"),
                step("stage-apps", "stage_up", "30", "healthy", "web"),
                step("probe", "wait_command", "5", "sh", "-c", "exit 0"),
                step("switch-current", "switch_current")), ""));
        assertEquals("succeeded", box.lastEvent().path("status").asText(), box.journal().toString());
        assertEquals("stage_up 30 healthy web \nwait_command 5 sh -c exit\\ 0 \n", box.stateFile("readiness"));
    }

    @Test
    void aSignalThatLandsAfterTheStepBeganButBeforeItRunsStillStopsIt() throws Exception {
        // As if TERM came just after the step-start event: the trap counted it, the step had not yet started its
        // command. Taken for an old signal, the command would run its 30 s (and a stuck one for ever).
        JobLibSandbox.Run r = box.call("""
                BERTH_STEP_SIGNALS=$BERTH_SIGNALS
                BERTH_SIGNALS=$(( BERTH_SIGNALS + 1 )); BERTH_STOP_REASON="the deploy job was stopped by SIGTERM"
                berth_run late sleep 30
                echo "rc=$BERTH_RC $BERTH_MESSAGE"
                """);
        assertEquals("rc=143 the deploy job was stopped by SIGTERM\n", r.out(), r.toString());
    }
}
