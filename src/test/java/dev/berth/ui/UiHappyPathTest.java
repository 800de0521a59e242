package dev.berth.ui;

import dev.berth.testsupport.IntegrationTest;
import static dev.berth.ui.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.preflight.Outcome;
import dev.berth.status.ServiceStatus;
import dev.berth.testsupport.TestTarget;
import dev.berth.ui.checks.ChecksViewModel;
import dev.berth.ui.dashboard.DashboardViewModel;
import dev.berth.ui.deploy.DeployViewModel;
import dev.berth.ui.deploy.StepRow;
import dev.berth.ui.server.ServerViewModel;
import dev.berth.ui.settings.SettingsViewModel;
import dev.berth.ui.stack.StackViewModel;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole wizard, driven through its window like an operator: deploys bundles/demo to the real test target and
 * ends on a dashboard where every service is healthy.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class UiHappyPathTest {
    private static final String INSTALL_DIR = "/opt/berth-test/uidemo";
    private static final int PORT = 18501;
    private static TestTarget target;
    private Wizard wizard;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @BeforeAll
    static void setUp() {
        target = TestTarget.get();
        clean();
    }

    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    @Start
    void start(Stage stage) {
        Path bundles = Path.of(System.getProperty("berth.projectDir"), "bundles");
        WizardModel model = new WizardModel(new I18n(Locale.ENGLISH), new FxTaskExecutor(), dialogs,
                TestTarget.newBerthHome(), bundles, TestTarget.isolatedConnector());
        wizard = new Wizard(model);
        stage.setScene(wizard.window(stage::close).scene());
        stage.show();
        wizard.viewModel().start();
    }

    private static void type(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> field.setText(""));
        robot.clickOn(field).write(text);
    }

    /** Both languages of the current step, for the README; also proves the language switch keeps the answers. */
    private void shot(FxRobot robot, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.bothLanguages(robot.lookup("#next").query().getScene(), wizard.model().i18n(), name));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void next(FxRobot robot) {
        Button next = robot.lookup("#next").queryButton();
        waitFor(30, () -> !next.isDisabled());
        robot.clickOn(next);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void deploysTheDemoToAHealthyDashboard(FxRobot robot) throws Exception {
        WizardViewModel nav = wizard.viewModel();
        // 1. Stack
        StackViewModel stack = nav.step(Step.STACK);
        waitFor(30, () -> !stack.entries().isEmpty());
        robot.clickOn(robot.lookup(".list-cell").lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Label l
                && l.getText().startsWith("Demo stack")).queryAs(javafx.scene.control.Label.class));
        assertEquals("demo", stack.selectedProperty().get().bundle().id());
        robot.interact(() -> wizard.model().i18n().setLocale(Locale.SIMPLIFIED_CHINESE));
        assertEquals("下一步", robot.lookup("#next").queryButton().getText());
        assertTrue(robot.lookup((javafx.scene.control.Label l) -> l.getText().startsWith("演示栈")).tryQuery().isPresent());
        robot.interact(() -> wizard.model().i18n().setLocale(Locale.ENGLISH));
        assertEquals("Next", robot.lookup("#next").queryButton().getText());
        assertEquals("demo", stack.selectedProperty().get().bundle().id(), "the switch keeps the choice");
        shot(robot, "01-stack");
        next(robot);

        // 2. Server: Next stays disabled until the connection is tested.
        assertEquals(Step.SERVER, nav.current().step());
        ServerViewModel server = nav.step(Step.SERVER);
        type(robot, "#host", target.host());
        type(robot, "#port", Integer.toString(target.port()));
        type(robot, "#user", target.user());
        type(robot, "#keyFile", target.ed25519Key().toString());
        type(robot, "#installDir", INSTALL_DIR);
        assertTrue(server.formValidProperty().get(), () -> String.valueOf(server.getProblem()));
        assertTrue(robot.lookup("#next").queryButton().isDisabled(), "Next before the connection is tested");
        robot.clickOn("#testConnection");
        waitFor(60, () -> server.connectedProperty().get() || server.getProblem() != null);
        assertTrue(server.connectedProperty().get(), () -> String.valueOf(server.getProblem()));
        assertEquals(java.util.List.of(target.hostKeyFingerprint()), dialogs.fingerprintsShown,
                "the first contact shows the server's real fingerprint");
        shot(robot, "02-server");
        next(robot);

        // 3. Checks
        ChecksViewModel checks = nav.step(Step.CHECKS);
        waitFor(180, () -> checks.worstProperty().get() != null && !checks.isBusy());
        assertNotEquals(Outcome.FAIL, checks.worstProperty().get(), () -> checks.results().toString());
        shot(robot, "03-checks");
        next(robot);

        // 4. Settings: the web port typed into its spinner.
        assertEquals(Step.SETTINGS, nav.current().step());
        SettingsViewModel settings = nav.step(Step.SETTINGS);
        Spinner<?> port = robot.lookup("#field-WEB_PORT").queryAs(Spinner.class);
        robot.interact(() -> port.getEditor().setText(""));
        robot.clickOn(port.getEditor()).write(Integer.toString(PORT));
        waitFor(10, settings::isValid);
        assertEquals(Long.valueOf(PORT), wizard.model().answers().get("WEB_PORT"));
        String token = (String) wizard.model().answers().get("API_TOKEN");
        shot(robot, "04-settings");
        next(robot);

        // 5. Images: the folder typed in and confirmed with Enter.
        assertEquals(Step.IMAGES, nav.current().step());
        type(robot, "#folder", target.imagesDir().toString());
        robot.type(KeyCode.ENTER);
        StepModel images = nav.step(Step.IMAGES);
        waitFor(60, () -> images.isValid() || images.getProblem() != null);
        assertTrue(images.isValid(), () -> String.valueOf(images.getProblem()));
        shot(robot, "05-images");
        next(robot);

        // 6. Review
        StepModel review = nav.step(Step.REVIEW);
        waitFor(180, () -> review.isValid() || review.getProblem() != null);
        assertTrue(review.isValid(), () -> String.valueOf(review.getProblem()));
        assertEquals("Deploy", robot.lookup("#next").queryButton().getText());
        javafx.scene.control.TextArea shown = robot.lookup(".text-area").queryAs(javafx.scene.control.TextArea.class);
        for (var f : wizard.model().prepared().rendered().files()) {
            robot.interact(() -> ((dev.berth.ui.review.ReviewViewModel) review).shownFileProperty().set(f));
            assertFalse(shown.getText().contains(token), "the review shows no secret in " + f.path());
        }
        // Save as profile: the answers (with the generated token) go to the store, the token not as plain text.
        type(robot, "#profileName", "uidemo");
        robot.clickOn("#saveProfile");
        waitFor(30, () -> wizard.profiles().savedProperty().get() != null || wizard.profiles().problemProperty().get() != null);
        assertEquals(null, wizard.profiles().problemProperty().get());
        String saved = java.nio.file.Files.readString(wizard.profiles().store().fileOf("uidemo"));
        assertFalse(saved.contains(token), saved);
        assertTrue(saved.contains(INSTALL_DIR), saved);
        shot(robot, "06-review");
        next(robot);

        // 7. Deploy
        DeployViewModel deploy = nav.step(Step.DEPLOY);
        waitFor(300, () -> !deploy.runningProperty().get());
        assertTrue(deploy.succeededProperty().get(), () -> deploy.getProblem() + " / " + deploy.failureProperty().get()
                + "\n" + String.join("\n", deploy.journal()));
        assertTrue(deploy.rows().stream().allMatch(r -> r.state() == StepRow.State.DONE), "every plan step ticked");
        shot(robot, "07-deploy");
        next(robot);

        // 8. Dashboard
        DashboardViewModel dash = nav.step(Step.DASHBOARD);
        waitFor(120, () -> {
            if (!dash.healthyProperty().get() && !dash.isBusy()) {
                robot.interact(dash::refresh);
            }
            return dash.healthyProperty().get();
        });
        assertEquals(java.util.Set.of("web", "worker"),
                dash.services().stream().map(ServiceStatus::service).collect(java.util.stream.Collectors.toSet()));
        assertTrue(dash.services().stream().allMatch(ServiceStatus::ok));
        assertFalse(dash.endpoints().isEmpty());
        assertTrue(dash.endpoints().get(0).url().contains(":" + PORT + "/"), dash.endpoints().toString());
        String running = target.docker("ps --filter label=com.docker.compose.project=" + dev.berth.target.InstallProject.newName(INSTALL_DIR) + " --format '{{.Names}} {{.Status}}'");
        assertTrue(running.contains("healthy"), running);
        // One service's logs and a chart sample are there.
        robot.interact(() -> dash.selectedProperty().set(dash.services().get(0)));
        robot.interact(dash::loadLogs);
        waitFor(30, () -> !dash.logTextProperty().get().isEmpty());
        assertFalse(dash.history("web").isEmpty(), "CPU and memory are sampled for the chart");
        shot(robot, "08-dashboard");

        // Restart one service: only the worker restarts, and comes back healthy.
        String webId = target.docker("ps -q --filter label=com.docker.compose.project=" + dev.berth.target.InstallProject.newName(INSTALL_DIR) + " --filter label=com.docker.compose.service=web").trim();
        String webStartedBefore = target.docker("inspect -f '{{.State.StartedAt}}' " + webId).trim();
        String workerId = target.docker("ps -q --filter label=com.docker.compose.project=" + dev.berth.target.InstallProject.newName(INSTALL_DIR) + " --filter label=com.docker.compose.service=worker").trim();
        String workerStartedBefore = target.docker("inspect -f '{{.State.StartedAt}}' " + workerId).trim();
        robot.interact(() -> dash.selectedProperty().set(dash.services().stream().filter(v -> v.service().equals("worker")).findFirst().orElseThrow()));
        waitFor(60, () -> !dash.isBusy());
        robot.interact(dash::restartSelected);
        waitFor(90, () -> dash.getProblem() != null
                || !target.docker("inspect -f '{{.State.StartedAt}}' " + workerId).trim().equals(workerStartedBefore),
                () -> dialogs.questions + " busy=" + dash.isBusy() + " selected=" + dash.selectedProperty().get()
                        + " worker=" + workerId + " " + target.docker("inspect -f '{{.State.StartedAt}} {{.Name}}' " + workerId));
        assertEquals(null, dash.getProblem());
        assertEquals(webStartedBefore, target.docker("inspect -f '{{.State.StartedAt}}' " + webId).trim(), "web kept running");
        assertTrue(dialogs.questions.stream().anyMatch(q -> q.contains("Restart worker?")), dialogs.questions.toString());
        // A fresh reading taken after the restart shows every service healthy again.
        java.util.concurrent.atomic.AtomicInteger readings = new java.util.concurrent.atomic.AtomicInteger();
        dash.statusProperty().addListener((o, a, b) -> readings.incrementAndGet());
        waitFor(90, () -> {
            if (!dash.isBusy()) {
                robot.interact(dash::refresh);
            }
            return readings.get() > 0 && dash.healthyProperty().get();
        }, () -> "busy=" + dash.isBusy() + " problem=" + dash.getProblem() + " status=" + dash.statusProperty().get());

        // Opening Berth again: the saved deployment redeploys from the checks with its answers.
        robot.interact(() -> wizard.profiles().load());
        waitFor(10, () -> !wizard.profiles().profiles().isEmpty());
        var profile = wizard.profiles().profiles().get(0);
        assertEquals("uidemo", profile.name());
        assertEquals(token, profile.answers().get("API_TOKEN"), "the store gives the secret back");
        robot.interact(() -> wizard.profiles().redeploy(profile));
        waitFor(60, () -> nav.current().step() == Step.CHECKS);
        waitFor(180, () -> checks.worstProperty().get() != null && !checks.isBusy() || checks.getProblem() != null);
        assertEquals(null, checks.getProblem());
        next(robot);
        assertEquals(Step.SETTINGS, nav.current().step());
        assertEquals(Integer.toString(PORT), settings.field("WEB_PORT").textProperty().get());
        assertEquals(token, settings.field("API_TOKEN").textProperty().get(), "a redeploy keeps the generated token");

        // The review of a redeploy shows what changes in the live release's files, secrets masked.
        robot.interact(() -> settings.field("GREETING").textProperty().set("Changed greeting"));
        next(robot);
        waitFor(60, () -> images.isValid());
        next(robot);
        dev.berth.ui.review.ReviewViewModel again = nav.step(Step.REVIEW);
        waitFor(180, () -> again.isValid() || again.getProblem() != null);
        assertTrue(again.isValid(), () -> String.valueOf(again.getProblem()));
        String changes = again.changesProperty().get();
        assertTrue(changes.contains("+ ") && changes.contains("Changed greeting") && changes.contains("- "), changes);
        assertFalse(changes.contains(token), changes);
        shot(robot, "06-review-redeploy");
    }
}
