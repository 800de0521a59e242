package dev.berth.ui;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.PreparedRelease;
import dev.berth.ssh.RemoteShell;
import dev.berth.testsupport.ProbedDeployer;
import dev.berth.testsupport.TestInstalls;
import dev.berth.testsupport.TestTarget;
import dev.berth.ui.review.ReviewViewModel;
import dev.berth.ui.settings.SettingsViewModel;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wizard on a laptop that has never seen the server (fresh Berth home, no profile) starts from the secrets the
 * server keeps: after a first deploy that failed, the settings form shows the token that deploy generated, and the
 * Review step marks a secret the operator changed without showing it.
 */
@IntegrationTest
class WizardServerSecretsTest {
    private static final String ROOT = "/opt/berth-test/uisecret";
    private static final String INSTALL_DIR = ROOT + "/demo";
    private static final int PORT = 18531;

    @BeforeAll
    @AfterAll
    static void clean() {
        TestInstalls.removeUnder(ROOT);
    }

    /** A first deploy from "another laptop" (the engine, as the CLI calls it) that fails once the web stage starts. */
    private static String failedFirstDeploy(Bundle bundle) throws Exception {
        TestTarget t = TestTarget.get();
        try (RemoteShell shell = t.connect()) {
            ProbedDeployer probed = ProbedDeployer.on(shell, INSTALL_DIR);
            PreparedRelease release = probed.prepare(bundle, AnswersResolver.resolve(bundle,
                    Map.of("WEB_PORT", PORT, "WEB_BREAK_HEALTH", true)), t.imagesDir(), "127.0.0.1");
            DeployOutcome outcome = probed.deployer().deploy(release, DeployListener.NONE);
            assertFalse(outcome.succeeded(), "the first deploy fails");
            return (String) release.answers().values().get("API_TOKEN");
        }
    }

    @Test
    void theSettingsStartFromTheServersSecretAndReviewMarksAChangedOne() throws Exception {
        TestTarget t = TestTarget.get();
        Bundle demo = UiTestModels.bundle("demo");
        String token = failedFirstDeploy(demo);

        WizardWalk walk = new WizardWalk(new ScriptedDialogs());
        WizardViewModel nav = walk.nav();
        SettingsViewModel settings = walk.toSettings("demo", t, t.port(), INSTALL_DIR);
        assertEquals(token, settings.field("API_TOKEN").textProperty().get(),
                "the form starts from the token the server keeps, not a fresh one");
        settings.field("WEB_PORT").textProperty().set(Integer.toString(PORT));
        ReviewViewModel review = walk.toReview(t.imagesDir());
        assertFalse(review.changesProperty().get().contains("API_TOKEN"), review.changesProperty().get());

        nav.back();
        nav.back();
        assertEquals(Step.SETTINGS, nav.current().step());
        settings.regenerate(settings.field("API_TOKEN"));
        String fresh = settings.field("API_TOKEN").textProperty().get();
        assertNotEquals(token, fresh);
        nav.next();
        nav.next();
        assertEquals(Step.REVIEW, nav.current().step());
        assertTrue(review.isValid(), () -> String.valueOf(review.getProblem()));
        String changes = review.changesProperty().get();
        assertTrue(changes.contains("API_TOKEN: •••• (changed)"), changes);
        assertFalse(changes.contains(token) || changes.contains(fresh), "neither value is shown: " + changes);
    }
}
