package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * job-lib/swarm.sh against a fake docker that answers as Docker 20.10's swarm commands do: when a stage's services
 * count as ready (the tasks of the spec this deploy gave them, never a task of the release before), what an operator
 * reads when an update stops, tasks keep failing or a task finds no node, the services a release dropped, a hook whose
 * service has no task on the manager. The whole path on a real swarm is CliClusterDeployTest's.
 */
class JobLibSwarmTest extends SandboxedJobLibTest {
    private void service(String name, String spec, String replicas, String tasks) {
        box.write("swarm/spec/" + name, spec);
        box.write("swarm/replicas/" + name, replicas + "\n");
        box.write("swarm/tasks/" + name, tasks);
    }

    private void setUp() throws Exception {
        java.nio.file.Files.createDirectories(box.fake.resolve("swarm/spec"));
        for (String d : List.of("replicas", "tasks", "before", "update", "logs", "containers")) {
            java.nio.file.Files.createDirectories(box.fake.resolve("swarm/" + d));
        }
    }

    @Test
    void aNewServiceIsReadyOnceItsReplicasRunAfterItsStageFileWasDeployed() throws Exception {
        setUp();
        service("web", "-\nT1 none\n", "2", "t1 Running Starting 1 second ago|\nt2 Running Pending 1 second ago|\n--\n"
                + "t1 Running Running 1 second ago|\nt2 Running Running 1 second ago|\n");
        JobLibSandbox.Run r = box.call("stack_up 30 healthy web web");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(List.of("docker", "stack", "deploy", "--resolve-image", "never", "-c",
                box.installDir + "/active/.berth/stack/web.yml", "demo")), box.calls("docker", "stack"));
        assertEquals(null, box.stateFile("failed-services"));
    }

    @Test
    void aChangedServiceIsNotReadyWhileTheOldReleasesTaskRunsAndItsUpdateHasNotBegun() throws Exception {
        setUp();
        // Before: template A, last update long ago. After the deploy: template B, and Swarm has not started rolling.
        service("web", "A \"2026-12-01T10:00:00Z\"\nB \"2026-12-01T10:00:00Z\"\n", "1",
                "t0 Running Running 2 days ago|\n");
        box.write("swarm/before/web", "t0\n");
        JobLibSandbox.Run r = box.call("stack_up 1 healthy web web");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("not ready after 1s: web (its update has not begun)", r.lastLine());
    }

    @Test
    void anUpdateSwarmPausedFailsTheStageWithSwarmsReasonAndTheServiceLogs() throws Exception {
        setUp();
        service("web", "A none\nB \"2026-12-03T15:00:00Z\"\n", "2", "t0 Running Running 2 days ago|\n");
        box.write("swarm/before/web", "t0\n");
        box.write("swarm/update/web", "paused update paused due to failure or early termination of task t9\n");
        box.write("swarm/logs/web", "web.1  | cannot read /etc/berth-demo/token.sh\n");
        JobLibSandbox.Run r = box.call("stack_up 30 healthy web web");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("web: its update stopped: update paused due to failure or early termination of task t9",
                r.lastLine());
        assertEquals("web\n", box.stateFile("failed-services"));
        assertEquals("web.1  | cannot read /etc/berth-demo/token.sh",
                box.events("service-logs").get(0).path("lines").asText());
    }

    @Test
    void tasksThatKeepFailingSinceTheDeployFailTheStageAndOldFailuresDoNotCount() throws Exception {
        setUp();
        service("db", "-\nD none\n", "1", "t0 Shutdown Failed 3 days ago|task: non-zero exit (2)\n"
                + "t1 Shutdown Failed 3 seconds ago|task: non-zero exit (1)\n"
                + "t2 Shutdown Failed 2 seconds ago|task: non-zero exit (1)\n"
                + "t3 Running Starting 1 second ago|\n--\n"
                + "t0 Shutdown Failed 3 days ago|task: non-zero exit (2)\n"
                + "t1 Shutdown Failed 3 seconds ago|task: non-zero exit (1)\n"
                + "t2 Shutdown Failed 2 seconds ago|task: non-zero exit (1)\n"
                + "t3 Shutdown Failed 1 second ago|task: non-zero exit (137)\n");
        box.write("swarm/before/db", "t0\n");
        JobLibSandbox.Run r = box.call("stack_up 30 healthy db db");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("db: its tasks keep failing (3 since the deploy): task: non-zero exit (137)", r.lastLine());
    }

    @Test
    void aTaskThatFindsNoNodeSaysWhyWhenTheStageTimesOut() throws Exception {
        setUp();
        service("web", "-\nW none\n", "2", "t1 Running Running 1 second ago|\n"
                + "t2 Running Pending 2 seconds ago|no suitable node (host-mode port already in use on 1 node)\n");
        JobLibSandbox.Run r = box.call("stack_up 1 healthy web web");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("not ready after 1s: web (1/2 running; 1 pending (no suitable node (host-mode port already in use"
                + " on 1 node)))", r.lastLine());
    }

    @Test
    void aStackDeployThatFailsSaysSoWithDockersWords() throws Exception {
        setUp();
        box.write("swarm/deploy.rc", "1\n");
        service("web", "-\n", "1", "");
        JobLibSandbox.Run r = box.call("stack_up 30 healthy web web");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.lastLine().startsWith("docker stack deploy failed: failed to create service"), r.lastLine());
    }

    @Test
    void theServicesAReleaseNoLongerHasAreRemovedAndJournaled() throws Exception {
        setUp();
        box.write("swarm/services", "demo_web\ndemo_worker\ndemo_old\n");
        JobLibSandbox.Run r = box.call("stack_prune web worker");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(List.of("docker", "service", "rm", "demo_old")), box.calls("docker", "service", "rm"));
        assertEquals("old", box.events("service-removed").get(0).path("service").asText());
    }

    @Test
    void configsAndSecretsNoKeptReleaseNamesAreRemovedAndOnesInUseStay() throws Exception {
        setUp();
        java.nio.file.Path stack = java.nio.file.Files.createDirectories(box.stateDir().resolve("stack"));
        java.nio.file.Files.writeString(stack.resolve("web.yml"), "configs:\n  conf-web-start.sh:\n"
                + "    name: \"demo_conf-web-start.sh_aaaa\"\n    file: \"/x\"\n");
        box.write("swarm/config", "demo_conf-web-start.sh_aaaa\ndemo_conf-web-start.sh_old1\ndemo_conf-web-start.sh_old2\n");
        box.write("swarm/secret", "demo_conf-web-token.sh_old\n");
        box.write("swarm/in-use", "demo_conf-web-start.sh_old2\n");
        JobLibSandbox.Run r = box.call("berth_prune_swarm_objects");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("config demo_conf-web-start.sh_old1", "secret demo_conf-web-token.sh_old"),
                box.events("swarm-object-removed").stream().map(e -> e.path("kind").asText() + " "
                        + e.path("name").asText()).toList());
        assertTrue(box.calls("docker", "config", "rm").stream().noneMatch(c -> c.contains("demo_conf-web-start.sh_aaaa")),
                "the live release's config is not even tried");
    }

    @Test
    void aHookWhoseServiceHasNoTaskOnTheManagerFailsSayingWhereToPlaceIt() throws Exception {
        setUp();
        JobLibSandbox.Run r = box.call("BERTH_ENGINE=swarm; hook_exec 5 web sh -c true");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("the hook runs in web, which has no running task on this manager (place web on it to run hooks in"
                + " it)", r.lastLine());
        box.write("swarm/containers/web", "c0ffee\n");
        // With a task here the hook runs in it (the fake docker has no exec: it says so, exit 99).
        JobLibSandbox.Run inTask = box.call("BERTH_ENGINE=swarm; hook_exec 5 web sh -c true");
        assertEquals(List.of("docker", "exec", "-i", "c0ffee", "sh", "-c", "true"),
                box.calls("docker", "exec").get(0));
        assertEquals("hook exited with 99", inTask.lastLine());
    }
}
