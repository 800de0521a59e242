package dev.berth.deploy;

import static dev.berth.deploy.JobLibSandbox.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * job-lib/lifecycle.sh: however the job ends — killed by a signal, a command of its own failing outside a step, an
 * unset variable — its journal gets a last job-end event and its status file says failed, and what the step had
 * started is stopped. Plans rendered by PlanScript, run by bash as the server runs them.
 */
class JobLibLifecycleTest extends SandboxedJobLibTest {
    /** Waits, at most 30 s, for a file a hook writes when it has started. */
    private static void awaitFile(Path f) throws InterruptedException {
        for (int i = 0; i < 300 && !Files.exists(f); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(f), f + " did not appear: the step never started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void aJobKilledInAStepEndsItsJournalAndStatusAndStopsTheStep(String signal) throws Exception {
        Path pidFile = box.root.resolve("hook.pid");
        Path plan = box.plan(List.of(
                step("hook-long", "hook_exec", "600", "-", "sh", "-c", "echo $$ > '" + pidFile + "'; exec sleep 300"),
                step("switch-current", "switch_current")), "");
        Process job = box.start(plan);
        awaitFile(pidFile);
        long hook = Long.parseLong(Files.readString(pidFile).strip());
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(job.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
        JobLibSandbox.Run r = box.finish(job);

        assertEquals(1, r.exit(), r.toString());
        JsonNode failed = box.events("step-failed").get(0);
        assertEquals("hook-long", failed.path("step").asText());
        assertEquals(143, failed.path("exit").asInt());
        assertEquals("the deploy job was stopped by SIG" + signal, failed.path("message").asText());
        JsonNode end = box.lastEvent();
        assertEquals("job-end", end.path("event").asText());
        assertEquals("failed", end.path("status").asText());
        assertEquals("failed\n", box.stateFile("status"));
        assertFalse(ProcessHandle.of(hook).map(ProcessHandle::isAlive).orElse(false), "the hook was stopped with the job");
        assertFalse(Files.exists(box.installDir.resolve("current")), "the release did not go live");
    }

    @Test
    void aCommandOfTheJobFailingOutsideAStepEndsTheJobInsteadOfCarryingOn() throws Exception {
        // A line of the plan itself that fails (as a job_begin that could not set up would).
        Path plan = switchPlanWithLineAfterJobBegin("false");
        JobLibSandbox.Run r = box.run(plan);

        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("job-start", "job-end"), box.eventNames());
        JsonNode end = box.lastEvent();
        assertEquals("failed", end.path("status").asText());
        assertEquals("the deploy job stopped unexpectedly: a command of its own failed (exit 1, line "
                + lineOf(plan, "false") + " of plan.sh)", end.path("message").asText());
        assertEquals("failed\n", box.stateFile("status"));
        assertFalse(Files.exists(box.installDir.resolve("current")), "the step after it did not run");
    }

    /** A plan of one switch-current step with LINE added to the plan itself, right after job_begin. */
    private Path switchPlanWithLineAfterJobBegin(String line) throws Exception {
        Path plan = box.plan(List.of(step("switch-current", "switch_current")), "");
        Files.writeString(plan, Files.readString(plan).replace("job_begin\n", "job_begin\n" + line + "\n"));
        return plan;
    }

    private static int lineOf(Path file, String line) throws Exception {
        return Files.readAllLines(file).indexOf(line) + 1;
    }

    @Test
    void anUnsetVariableStopsTheJobAndItsJournalStillEnds() throws Exception {
        JobLibSandbox.Run r = box.run(switchPlanWithLineAfterJobBegin(": \"$BERTH_NO_SUCH_VARIABLE\""));
        assertEquals(1, r.exit(), r.toString());
        JsonNode end = box.lastEvent();
        assertEquals("job-end", end.path("event").asText());
        assertEquals("failed", end.path("status").asText());
        assertTrue(end.path("message").asText().startsWith("the deploy job stopped unexpectedly"), end.toString());
        assertEquals("failed\n", box.stateFile("status"));
    }

    @Test
    void aSecondJobWhileOneHoldsTheLockIsRefused() throws Exception {
        Path lock = Files.createDirectories(box.installDir.resolve(".berth")).resolve("lock");
        Path plan = box.plan(List.of(step("switch-current", "switch_current")), "");
        // flock(1) holds the deployment lock while the job tries to start.
        Files.writeString(box.root.resolve("hold.sh"), "exec 9>'" + lock + "'; flock 9; bash '" + plan + "'\n");
        JobLibSandbox.Run r = box.run(box.root.resolve("hold.sh"));
        assertEquals(75, r.exit(), r.toString());
        JsonNode end = box.lastEvent();
        assertEquals("refused", end.path("status").asText());
        assertEquals("another Berth deployment is running in " + box.installDir, end.path("message").asText());
        assertEquals("refused\n", box.stateFile("status"));
    }

    @Test
    void aJobThatSucceedsEndsWithCurrentOnItsRelease() throws Exception {
        JobLibSandbox.Run r = box.run(box.plan(List.of(step("activate", "activate_release"),
                step("switch-current", "switch_current")), ""));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("job-start", "step-start", "step-end", "step-start", "step-end", "job-end"), box.eventNames());
        assertEquals("succeeded", box.lastEvent().path("status").asText());
        assertEquals(JobLibSandbox.RELEASE, box.lastEvent().path("current").asText());
        assertEquals("succeeded\n", box.stateFile("status"));
        assertTrue(box.journal().stream().filter(e -> e.has("ms")).allMatch(e -> e.path("ms").isNumber()));
    }

    @Test
    void aJobThatWentLiveKeepsTheNewestReleasesAndTheOneARollbackWouldPutBack() throws Exception {
        List<String> older = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            older.add("20261201-0" + i + "0000-aa0" + i);
            box.release(older.get(older.size() - 1));
        }
        Files.createDirectories(box.installDir.resolve("releases/notes")); // not a release: not Berth's to delete
        Files.createSymbolicLink(box.installDir.resolve("current"), Path.of("releases/" + older.get(0)));
        Files.createDirectories(box.installDir.resolve(".berth"));
        Files.writeString(box.installDir.resolve(".berth/keep-releases"), "3\n");

        JobLibSandbox.Run r = box.run(box.plan(List.of(step("activate", "activate_release"),
                step("switch-current", "switch_current")), ""));
        assertEquals(0, r.exit(), r.toString());
        try (var left = Files.list(box.installDir.resolve("releases"))) {
            assertEquals(java.util.Set.of(JobLibSandbox.RELEASE, older.get(7), older.get(6), older.get(0), "notes"),
                    left.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "the newest 3 (this one among them), the previous one, and what is not a release");
        }
        assertEquals(List.of(older.get(5), older.get(4), older.get(3), older.get(2), older.get(1)), box.journal().stream()
                .filter(e -> e.path("event").asText().equals("release-removed"))
                .map(e -> e.path("release").asText()).toList(), "each removal is journaled");
        assertEquals("succeeded", box.lastEvent().path("status").asText());
    }

    @Test
    void theJobReadsToolsInTheCLocaleAndTheOperatorsCommandsKeepTheirs() throws Exception {
        box.env.put("LC_ALL", "zh_CN.UTF-8");
        box.env.put("LANG", "zh_CN.UTF-8");
        JobLibSandbox.Run r = box.call("""
                echo "job=$LC_ALL"
                env | grep '^LC_ALL='
                hook_exec 30 - sh -c 'echo "hook=$LC_ALL $LANG"' && tail -n 1 "$BERTH_JOB_STATE/hook.out"
                wait_command 5 sh -c '[ "$LC_ALL" = zh_CN.UTF-8 ]' && echo readiness=theirs
                """);
        assertEquals("job=C\nLC_ALL=C\nhook=zh_CN.UTF-8 zh_CN.UTF-8\nreadiness=theirs\n", r.out(), r.toString());

        // Without LC_ALL on the server, the operator's commands have none either (LANG decides for them).
        box.env.remove("LC_ALL");
        r = box.call("echo \"job=$LC_ALL\"; hook_exec 30 - sh -c 'echo \"hook=${LC_ALL-unset} $LANG\"' "
                + "&& tail -n 1 \"$BERTH_JOB_STATE/hook.out\"");
        assertEquals("job=C\nhook=unset zh_CN.UTF-8\n", r.out(), r.toString());
    }
}
