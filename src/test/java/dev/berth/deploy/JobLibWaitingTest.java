package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * job-lib/waiting.sh against fake docker, compose and curl: what an operator reads when a service never gets ready,
 * keeps restarting, fails its healthcheck or exits, and when a probe never answers. Each wait here lasts a second at
 * most.
 */
class JobLibWaitingTest extends SandboxedJobLibTest {
    @Test
    void aServiceThatNeverGetsHealthyFailsAtItsTimeoutWithItsLogsAndHealthcheckOutput() throws Exception {
        box.service("web", "running starting 0 0");
        box.write("logs/web", "web_1  | waiting for the database\n");
        box.write("health/web", "[exit 1] curl: (7) Failed to connect\n");
        JobLibSandbox.Run r = box.call("wait_ready 1 healthy web");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("not ready after 1s: web", r.lastLine());
        assertEquals(List.of("waiting", "service-logs", "health-output"), box.eventNames());
        assertEquals("web", box.events("waiting").get(0).path("pending").asText());
        JsonNode logs = box.events("service-logs").get(0);
        assertEquals("web", logs.path("service").asText());
        assertEquals("web_1  | waiting for the database", logs.path("lines").asText());
        assertEquals("[exit 1] curl: (7) Failed to connect", box.events("health-output").get(0).path("output").asText());
        assertEquals("web\n", box.stateFile("failed-services"), "the job's last event names the service");
        assertEquals(List.of("docker-compose", "-p", "demo", "-f", box.installDir + "/active/docker-compose.yml", "logs",
                "--no-color", "--tail", "40", "web"), box.calls("docker-compose").get(0));
    }

    @Test
    void aServiceWhoseRestartCountRisesFailsNamingIt() throws Exception {
        box.service("db", "running healthy 0 0");
        box.service("web", "restarting none 1 1", "restarting none 3 1");
        JobLibSandbox.Run r = box.call("wait_ready 60 healthy db web");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("web keeps restarting (3 restarts)", r.lastLine());
        assertEquals("web\n", box.stateFile("failed-services"));
        assertEquals(List.of("web"), box.events("service-logs").stream().map(e -> e.path("service").asText()).toList());
    }

    @Test
    void aServiceThatBecomesHealthyIsReadyWithoutAFailure() throws Exception {
        box.service("web", "running starting 0 0", "running healthy 0 0");
        JobLibSandbox.Run r = box.call("wait_ready 30 healthy web");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("waiting"), box.eventNames());
        assertEquals(null, box.stateFile("failed-services"));
    }

    @Test
    void anUnhealthyServiceAndOneThatExitedFailAtOnce() throws Exception {
        box.service("web", "running unhealthy 0 0");
        JobLibSandbox.Run r = box.call("wait_ready 30 healthy web");
        assertEquals("web is unhealthy: its healthcheck keeps failing", r.lastLine());
        box.service("web", "exited none 0 3");
        r = box.call("wait_ready 30 running web");
        assertEquals("web stopped with exit code 3", r.lastLine());
        // A one-shot service that exited 0 is what "exited0" waits for.
        assertEquals(1, box.call("wait_ready 30 exited0 web").exit(), "exit 3 is not exited0");
        box.service("web", "exited none 0 0");
        assertEquals(0, box.call("wait_ready 30 exited0 web").exit());
    }

    @Test
    void aServiceKilledWithExit137IsSaidToLackMemoryWithTheServersFreeMemory() throws Exception {
        // "exited 137 true": docker inspect of a busybox container run with --memory 8m that filled a shell variable
        // with 60 MB, on Docker 20.10.24 here (State.Status, ExitCode, OOMKilled).
        box.service("db", "exited none 0 137 true");
        String line = box.call("wait_ready 30 running db").lastLine();
        assertTrue(line.matches("db stopped with exit code 137 \\(killed for lack of memory: it reached its memory limit;"
                + " the server has \\d+ MiB of \\d+ MiB available\\)"), line);
        // Killed by the kernel for the whole server (or by someone), not by its own limit: the likely cause, said so.
        box.service("db", "restarting none 3 137 false");
        line = box.call("wait_ready 30 running db").lastLine();
        assertTrue(line.matches("db keeps restarting \\(3 restarts\\) \\(killed: most often for lack of memory;"
                + " the server has \\d+ MiB of \\d+ MiB available\\)"), line);
        box.service("db", "exited none 0 3 false");
        assertEquals("db stopped with exit code 3", box.call("wait_ready 30 running db").lastLine());
    }

    @Test
    void aServiceWithoutAContainerIsPendingUntilItsTimeout() throws Exception {
        box.service("db", "running none 0 0");
        JobLibSandbox.Run r = box.call("wait_ready 1 running db cache");
        assertEquals("not ready after 1s: cache", r.lastLine());
    }

    @Test
    void aProbeThatNeverAnswersTimesOut() throws Exception {
        JobLibSandbox.Run r = box.call("wait_http 1 http://127.0.0.1:8080/health 200");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("http://127.0.0.1:8080/health answered 000 (expected 200)", r.lastLine().strip());
        assertEquals("http://127.0.0.1:8080/health", box.events("waiting").get(0).path("pending").asText());
        List<String> curl = box.calls("curl").get(0);
        assertTrue(curl.containsAll(List.of("--max-time", "5", "http://127.0.0.1:8080/health")), curl.toString());
    }

    @Test
    void aProbeWithTheWrongBodyFailsShowingWhatItGot() throws Exception {
        box.write("http.status", "200");
        box.write("http.body", "starting up");
        JobLibSandbox.Run r = box.call("wait_http 1 http://127.0.0.1:8080/ 200 ready");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("http://127.0.0.1:8080/ answered 200 (expected 200 containing 'ready') : starting up", r.lastLine());
        box.write("http.body", "ready");
        assertEquals(0, box.call("wait_http 1 http://127.0.0.1:8080/ 200 ready").exit());
    }

    @Test
    void aReadinessCommandThatNeverSucceedsTimesOut() throws Exception {
        JobLibSandbox.Run r = box.call("wait_command 1 false");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("readiness command did not succeed within 1s", r.lastLine());
        assertEquals(0, box.call("wait_command 1 true").exit());
    }
}
