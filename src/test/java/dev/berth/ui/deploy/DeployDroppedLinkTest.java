package dev.berth.ui.deploy;

import dev.berth.testsupport.IntegrationTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.FakeImageTarballs;
import dev.berth.testsupport.TcpRelay;
import dev.berth.testsupport.TestTarget;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.Step;
import dev.berth.ui.WizardViewModel;
import dev.berth.ui.WizardWalk;
import dev.berth.ui.settings.SettingsViewModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link drops while the wizard uploads an image (a relay in front of the real sshd closes every connection): the
 * job never started, so the Deploy step offers no Reattach and says that nothing on the server changed and how to
 * retry, instead of "the deployment goes on on the server".
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@IntegrationTest
class DeployDroppedLinkTest {
    private static final String INSTALL_DIR = "/opt/berth-test/uidrop";
    private static final int PORT = 18517;

    @BeforeAll
    @AfterAll
    static void clean() {
        TestTarget.get();
        TestTarget.runLocal("rm -rf " + INSTALL_DIR, Duration.ofMinutes(1));
    }

    @Test
    void aDropDuringTheUploadSaysNothingChangedAndOffersNoReattach() throws Exception {
        TestTarget t = TestTarget.get();
        try (TcpRelay relay = new TcpRelay(t.host(), t.port(), false)) {
            ScriptedDialogs dialogs = new ScriptedDialogs();
            WizardWalk walk = new WizardWalk(dialogs);
            WizardViewModel nav = walk.nav();
            SettingsViewModel settings = walk.toSettings("demo", t, relay.port(), INSTALL_DIR);
            settings.field("WEB_PORT").textProperty().set(Integer.toString(PORT));
            walk.toReview(FakeImageTarballs.demoImages());
            // Mid-upload, the operator presses Cancel and is told what closing would really do (then stays).
            List<String> asked = new CopyOnWriteArrayList<>();
            dialogs.confirmAnswer = false;
            relay.whenClientBytes(relay.clientBytes() + 4L * 1024 * 1024, () -> {
                asked.add(String.valueOf(nav.cancel()));
                asked.add(dialogs.questions.get(dialogs.questions.size() - 1));
            });
            relay.dropAfterClientBytes(relay.clientBytes() + 12L * 1024 * 1024); // inside the first 48 MiB image
            nav.next(); // the deploy runs here until the link drops: the executor is direct

            DeployViewModel deploy = nav.step(Step.DEPLOY);
            assertFalse(deploy.runningProperty().get());
            assertFalse(deploy.disconnectedProperty().get(), "no job to reattach to");
            String problem = deploy.getProblem().en();
            assertTrue(problem.contains("before the deployment started") && problem.contains("nothing"), problem);
            assertFalse(problem.contains("goes on"), problem);
            assertTrue(deploy.getProblem().zh().contains("部署没有开始"), deploy.getProblem().zh());
            assertTrue(deploy.nextHintProperty().get().en().contains("deploy again"), deploy.nextHintProperty().get().en());
            assertTrue(nav.canBackProperty().get(), "the operator can go back and deploy again");
            assertEquals(Step.DEPLOY, nav.current().step());
            assertEquals(2, asked.size(), asked.toString());
            assertEquals("false", asked.get(0), "the operator declined: the window stays");
            assertTrue(asked.get(1).contains("nothing that runs on the server has been changed"), asked.get(1));
            assertFalse(asked.get(1).contains("go on"), asked.get(1));
        }
    }
}
