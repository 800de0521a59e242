package dev.berth.deploy;

import dev.berth.testsupport.IntegrationTest;
import static dev.berth.deploy.JobHarness.last;
import static dev.berth.deploy.JobHarness.of;
import static dev.berth.deploy.JobHarness.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deploy job never hangs and never leaves a follower waiting: hooks are killed past their time limit, the job
 * stops at its deadline and puts the previous release back, quiet steps send heartbeats, a signal or an error in
 * the job still ends the journal, and nothing a hook leaves running holds the deployment lock. Real job library,
 * real sshd, real bash on the test target.
 */
@IntegrationTest
class JobLimitsTest {
    private static final String INSTALL_DIR = "/opt/berth-test/joblimits";
    /** Longest any of these jobs may take before the test calls it hung. */
    private static final long BOUND_SECONDS = 45;

    private static JobHarness job;

    @BeforeAll
    static void setUp() throws Exception {
        job = new JobHarness(INSTALL_DIR);
    }

    @AfterAll
    static void tearDown() {
        if (job != null) {
            job.close();
        }
    }

    @AfterEach
    void killLeftovers() {
        // Processes the hooks of these tests start on purpose; each writes its pid beside the install dir.
        TestTarget.runLocal("for f in " + INSTALL_DIR + "-*.pid; do [ -s \"$f\" ] && kill -9 \"$(cat \"$f\")\"; rm -f \"$f\"; done; "
                + "pkill -9 -f 'sleep 30[0-9]$' ; true", Duration.ofSeconds(20));
    }

    private static List<JournalEvent> runBounded(String id) throws Exception {
        CompletableFuture<List<JournalEvent>> f = CompletableFuture.supplyAsync(() -> {
            try {
                return job.run(id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return f.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the job did not end within " + BOUND_SECONDS + " s: it hung");
        }
    }

    private static boolean running(String pattern) {
        return TestTarget.runLocal("pgrep -f '" + pattern + "'", Duration.ofSeconds(10)).exitCode() == 0;
    }

    private static String stepFailure(List<JournalEvent> events, String stepId) {
        return of(events, JournalEvent.STEP_FAILED).stream().filter(e -> stepId.equals(e.step())).findFirst()
                .map(e -> e.text("message")).orElseThrow(() -> new AssertionError("no failed step " + stepId + ": " + events));
    }

    @Test
    void heartbeatsKeepAFollowerAttachedThroughAQuietStep() throws Exception {
        String id = job.release(List.of(step("hook-quiet", "hook_exec", "60", "-", "sleep", "15"),
                step("switch-current", "switch_current")), "BERTH_HEARTBEAT_SECONDS=1");
        job.start(id);
        List<JournalEvent> events = new ArrayList<>();
        // A follower that takes 6 s of silence for a dropped link: only heartbeats keep it through a 15 s step.
        JournalFollower.Outcome o = job.follow(id, Duration.ofSeconds(6), events::add);
        assertTrue(o.succeeded(), () -> "the follower saw the job succeed: " + events);
        assertFalse(of(events, JournalEvent.HEARTBEAT).isEmpty(), "heartbeats during the quiet hook");
        assertTrue(of(events, JournalEvent.HEARTBEAT).stream().anyMatch(e -> "hook-quiet".equals(e.step())),
                "a heartbeat names the step it comes from: " + events);
    }

    @Test
    void aHookPastItsTimeoutIsKilledAndTheStepFailureSaysSo() throws Exception {
        // The hook ignores SIGTERM, as a stuck program may: it must be killed after the grace period.
        String id = job.release(List.of(step("hook-stuck", "hook_exec", "2", "-", "sh", "-c", "trap '' TERM; sleep 301"),
                step("switch-current", "switch_current")), "BERTH_KILL_GRACE_SECONDS=2");
        List<JournalEvent> events = runBounded(id);
        String message = stepFailure(events, "hook-stuck");
        assertTrue(message.contains("2 s") && message.contains("stopped"), message);
        assertEquals("failed", last(events).status(), events.toString());
        assertFalse(running("sleep 30[1]$"), "the stuck hook was killed, not left behind");
        assertEquals("failed\n", job.file(id, "status"));
    }

    @Test
    void aDaemonStartedByAHookDoesNotHoldTheDeploymentLock() throws Exception {
        String daemon = "nohup sleep 302 >/dev/null 2>&1 < /dev/null & echo $! > " + INSTALL_DIR + "-daemon.pid";
        String first = job.release(List.of(step("hook-daemon", "hook_exec", "30", "-", "sh", "-c", daemon),
                step("switch-current", "switch_current")), "");
        assertEquals("succeeded", last(runBounded(first)).status());
        assertTrue(running("sleep 30[2]$"), "the hook's daemon outlives the job, as it should");

        String second = job.release(List.of(step("switch-current", "switch_current")), "");
        JournalEvent end = last(runBounded(second));
        assertEquals("succeeded", end.status(), () -> "the second deploy got the lock: " + end.fields());
    }

    @Test
    void aBackgroundChildThatKeepsTheHookOutputOpenDoesNotHangTheJob() throws Exception {
        String child = "echo started; sleep 303 & echo $! > " + INSTALL_DIR + "-child.pid";
        String id = job.release(List.of(step("hook-child", "hook_exec", "30", "-", "sh", "-c", child),
                step("switch-current", "switch_current")), "");
        List<JournalEvent> events = runBounded(id);
        assertEquals("succeeded", last(events).status(), events.toString());
        assertTrue(of(events, "output").stream().anyMatch(e -> e.text("text").contains("started")), events.toString());
    }

    @Test
    void pastItsDeadlineTheJobStopsAndPutsThePreviousReleaseBack() throws Exception {
        String previous = job.release(List.of(step("switch-current", "switch_current")), "");
        assertEquals("succeeded", last(runBounded(previous)).status());

        String id = job.release(List.of(step("hook-slow", "hook_exec", "30", "-", "sleep", "304"),
                step("switch-current", "switch_current")), "BERTH_DEADLINE_SECONDS=3\nBERTH_HEARTBEAT_SECONDS=1");
        List<JournalEvent> events = runBounded(id);
        String message = stepFailure(events, "hook-slow");
        assertTrue(message.contains("deadline") && message.contains("3 s"), message);
        assertTrue(events.stream().anyMatch(e -> JournalEvent.STEP_END.equals(e.event()) && "rollback".equals(e.step())),
                "the previous release was put back: " + events);
        JournalEvent end = last(events);
        assertEquals("failed", end.status());
        assertEquals(previous, end.text("current"));
        assertFalse(running("sleep 30[4]$"), "the step's processes were stopped");
        assertEquals("releases/" + previous, TestTarget.runLocalOk("readlink " + INSTALL_DIR + "/current").strip());
    }

    @Test
    void aPreviousReleaseDeployedBeforeReadinessWasRecordedIsStillPutBack() throws Exception {
        String previous = job.release(List.of(step("switch-current", "switch_current")), "");
        assertEquals("succeeded", last(runBounded(previous)).status());
        // What a release deployed by an earlier Berth looks like: no recorded readiness, no recorded images.
        TestTarget.runLocalOk("rm -f " + job.layout.releaseStateDir(previous) + "/readiness "
                + job.layout.releaseStateDir(previous) + "/images");

        String id = job.release(List.of(step("hook-fails", "hook_exec", "30", "-", "false"),
                step("switch-current", "switch_current")), "");
        List<JournalEvent> events = runBounded(id);
        assertTrue(events.stream().anyMatch(e -> JournalEvent.STEP_END.equals(e.event()) && "rollback".equals(e.step())),
                events.toString());
        assertEquals(previous, last(events).text("current"));
    }

    @Test
    void aJobStoppedBySigtermEndsItsJournalAndStatus() throws Exception {
        String id = job.release(List.of(step("hook-long", "hook_exec", "600", "-", "sleep", "305"),
                step("switch-current", "switch_current")), "");
        String pid = job.start(id);
        CountDownLatch inHook = new CountDownLatch(1);
        List<JournalEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<JournalFollower.Outcome> followed = CompletableFuture.supplyAsync(() -> {
            try {
                return job.follow(id, Duration.ofMinutes(2), e -> {
                    events.add(e);
                    if (JournalEvent.STEP_START.equals(e.event()) && "hook-long".equals(e.step())) {
                        inHook.countDown();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inHook.await(BOUND_SECONDS, TimeUnit.SECONDS), "the job reached its hook");
        TestTarget.runLocalOk("kill -TERM " + pid);
        JournalFollower.Outcome o = followed.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertTrue(o.finished(), () -> "the journal has a last event: " + events);
        assertEquals("failed", o.end().orElseThrow().status());
        assertTrue(stepFailure(events, "hook-long").contains("SIGTERM"), events.toString());
        assertEquals("failed\n", job.file(id, "status"));
        assertFalse(running("sleep 30[5]$"), "the step's processes were stopped with the job");
    }

    @Test
    void anUnexpectedErrorInTheJobStillEndsItsJournalAndStatus() throws Exception {
        String id = job.release(List.of(step("switch-current", "switch_current")), "");
        // An unset variable stops a `set -u` script on the spot: the journal must still get its last event.
        TestTarget.runLocalOk("sed -i 's/^job_begin$/job_begin\\n: \"$BERTH_NO_SUCH_VARIABLE\"/' "
                + job.layout.planScript(id));
        List<JournalEvent> events = runBounded(id);
        assertEquals(JournalEvent.JOB_END, last(events).event(), events.toString());
        assertEquals("failed", last(events).status());
        assertEquals("failed\n", job.file(id, "status"));
    }

    @Test
    void theJournalAndEverythingTheJobWritesAreReadableByRootOnly() throws Exception {
        String id = job.release(List.of(step("hook-talks", "hook_exec", "30", "-", "sh", "-c", "echo output-of-the-hook; exit 3"),
                step("switch-current", "switch_current")), "");
        List<JournalEvent> events = runBounded(id);
        assertEquals("failed", last(events).status());
        String state = job.layout.releaseStateDir(id);
        assertEquals("600", job.mode(state + "/journal.jsonl"));
        assertEquals("600", job.mode(state + "/job.out"));
        // Every file the job wrote (all but the uploaded library and plan) is private.
        String open = TestTarget.runLocalOk("find '" + state + "' -type f ! -name job-lib.sh ! -name plan.sh -perm /077");
        assertEquals("", open.strip(), "files others can read");
    }
}
