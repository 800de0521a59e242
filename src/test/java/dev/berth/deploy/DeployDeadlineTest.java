package dev.berth.deploy;

import dev.berth.target.ServerCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Hook;
import dev.berth.bundle.Probe;
import dev.berth.bundle.Readiness;
import dev.berth.bundle.Stage;
import dev.berth.ssh.Privilege;
import dev.berth.text.Localized;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's deadline comes from its plan, and reaches the script the server runs. Pure: no server. */
class DeployDeadlineTest {
    private static final Localized L = Localized.of("x", "x");

    private static DeployPlan plan() {
        return DeployPlanner.plan("20261202-120000-abcd", "demo", "docker-compose.yml", List.of("docker-compose"),
                List.of("web-1.0.tar"), List.of("berth-demo/web:1.0", "berth-demo/worker:1.0"), List.of(),
                List.of(new Stage("db", L, List.of("db"), new Readiness.Healthy(), 120, null),
                        new Stage("web", L, List.of("web"), new Readiness.Http("http://127.0.0.1:1/", 200), 60, null)),
                List.of(new Hook("register", "web", null, List.of("true"), 30)),
                List.of(new Probe("web", "http://127.0.0.1:1/health", 200, null, null)));
    }

    @Test
    void theDeadlineIsEveryStepsOwnLimitPlusAMarginAndLeavesImageLoadingToTheJob() {
        DeployPlan plan = plan();
        int margin = DeployPlanner.STEP_MARGIN_SECONDS;
        int up = DeployPlanner.COMPOSE_UP_SECONDS;
        int expected = (0 + margin)                                    // load-images: the job adds by tarball size
                + (30 + 5 * 2 + margin)                                // check-images, two references
                + (60 + margin)                                        // validate-compose
                + (30 + margin)                                        // activate
                + (up + 120 + 30 + margin)                             // stage-db
                + (up + 60 + 30 + margin) + (60 + margin)              // stage-web and its HTTP readiness
                + (30 + DeployPlanner.KILL_GRACE_SECONDS + margin)     // hook-register
                + (DeployPlanner.PROBE_TIMEOUT_SECONDS + margin)       // probe-web
                + (30 + margin);                                       // switch-current
        assertEquals(expected, plan.deadlineSeconds());
    }

    @Test
    void thePlanScriptPassesTheDeadlineAndTheLimitsToTheJobLibrary() {
        DeployPlan plan = plan();
        String script = PlanScript.render(plan, new ReleaseLayout("/opt/berth/demo"));
        assertTrue(script.contains("\nBERTH_DEADLINE_SECONDS=" + plan.deadlineSeconds() + "\n"), script);
        assertTrue(script.contains("\nBERTH_UP_SECONDS=" + DeployPlanner.COMPOSE_UP_SECONDS + "\n"), script);
        assertTrue(script.contains("\nBERTH_KILL_GRACE_SECONDS=" + DeployPlanner.KILL_GRACE_SECONDS + "\n"), script);
        assertTrue(script.indexOf("BERTH_DEADLINE_SECONDS=") < script.indexOf("\n. "), "set before the library loads");
    }

    @Test
    void theJobsOutputFileIsCreatedPrivate() {
        String script = new ServerCommands(Privilege.NONE).startJob("/p/plan.sh", "/p").fullArgv().get(2);
        assertTrue(script.startsWith("umask 077; "), script);
    }
}
