package dev.berth.ui.deploy;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.Step;
import dev.berth.ui.WizardViewModel;
import dev.berth.ui.WizardWalk;
import dev.berth.ui.settings.SettingsViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deployment that fails, driven through the view models (no screen) against the real test target: the failing step
 * is marked, the service's last log lines are kept, and the operator is told what to try next and may go back.
 */
@IntegrationTest
class DeployFailureTest {
    private static final String INSTALL_DIR = "/opt/berth-test/uifail";
    private static final int PORT = 18502;

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    @Test
    void aFailedHealthCheckIsShownWithTheServiceLogsAndWhatToDoNext() {
        TestTarget t = TestTarget.get();
        WizardWalk walk = new WizardWalk(new ScriptedDialogs());
        WizardViewModel nav = walk.nav();
        SettingsViewModel settings = walk.toSettings("demo", t, t.port(), INSTALL_DIR);
        settings.field("WEB_PORT").textProperty().set(Integer.toString(PORT));
        settings.field("WEB_BREAK_HEALTH").checkedProperty().set(true);
        walk.toReview(t.imagesDir());
        nav.next(); // the deploy runs to its end here: the executor is direct

        DeployViewModel deploy = nav.step(Step.DEPLOY);
        assertFalse(deploy.runningProperty().get());
        assertFalse(deploy.succeededProperty().get());
        assertFalse(deploy.isValid(), "Next stays disabled after a failure");
        StepRow failed = deploy.rows().stream().filter(r -> r.state() == StepRow.State.FAILED).findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", deploy.journal())));
        assertTrue(failed.label().en().contains("Web"), failed.label().en());
        assertTrue(deploy.failureProperty().get().en().contains(failed.label().en()), deploy.failureProperty().get().en());
        assertTrue(deploy.failureProperty().get().zh().contains("部署失败"));
        assertNotNull(deploy.nextHintProperty().get());
        assertFalse(deploy.serviceLogsProperty().get().isBlank(), "the service's last lines are shown");
        assertTrue(nav.canBackProperty().get(), "the operator can go back and change the settings");
        assertEquals(Step.DEPLOY, nav.current().step());
    }
}
