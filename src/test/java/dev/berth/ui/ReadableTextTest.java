package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.status.ServiceStatus;
import dev.berth.ui.dashboard.DashboardViewModel;
import dev.berth.ui.deploy.DeployViewModel;
import dev.berth.ui.deploy.DeployFixtures;
import java.time.Duration;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every step in English and Chinese, at 100 % (1280×800) and at 200 % (the same window at twice the font size in a
 * 2560×1600 scene, which is what a HiDPI screen gives when sizes follow the font): no label, button or header is cut
 * short. The steps are shown from fixtures (coze-studio, the recorded CentOS 7 preflight), no server needed.
 */
@ExtendWith(ApplicationExtension.class)
class ReadableTextTest {
    private FixtureWindow window;
    private Wizard wizard;
    private Stage stage;
    private Scene scene;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new FixtureWindow(stage);
        wizard = window.wizard();
        scene = window.scene();
        // A failed deploy (the journal events of DeployViewModelTest) and a running dashboard, so those steps show text.
        DeployViewModel deploy = wizard.viewModel().step(Step.DEPLOY);
        DeployFixtures.failedDeploy(deploy);
        DashboardViewModel dash = wizard.viewModel().step(Step.DASHBOARD);
        dash.services().setAll(new ServiceStatus("coze-server", "coze-server-1", "running", "healthy", 2,
                Duration.ofHours(3), List.of("0.0.0.0:8888->8888/tcp"), 12.5, 700L << 20));
    }

    private List<String> clippedEverywhere(FxRobot robot, double fontScale, String shotPrefix) {
        List<String> found = new ArrayList<>();
        for (Locale l : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            robot.interact(() -> wizard.model().i18n().setLocale(l));
            for (Step s : Step.values()) {
                window.show(robot, s);
                robot.interact(() -> {
                    Scene shown = fontScale == 1 ? scene : magnified(fontScale);
                    for (String c : ClippedText.in(shown.getRoot())) {
                        found.add(l + " " + s + ": " + c);
                    }
                    if (shotPrefix != null && (s == Step.SERVER || s == Step.SETTINGS || s == Step.DEPLOY || s == Step.DASHBOARD)) {
                        String lang = "zh".equals(l.getLanguage()) ? "zh_CN" : "en";
                        Screenshots.write(shown, String.format("%02d-%s-%s-%s", s.ordinal() + 1,
                                s.name().toLowerCase(Locale.ROOT), shotPrefix, lang));
                    }
                    if (shown != scene) {
                        restore(shown);
                    }
                });
            }
        }
        return found;
    }

    /**
     * The window's content moved into an off-screen scene {@code scale} times as large with the font scaled alike
     * (Monocle's headless screen is 1280×800 and cannot hold a bigger window).
     */
    private Scene magnified(double scale) {
        Parent root = scene.getRoot();
        scene.setRoot(new Pane());
        Scene big = new Scene(root, 1280 * scale, 800 * scale);
        big.getStylesheets().setAll(scene.getStylesheets());
        root.setStyle("-fx-font-size: " + 13 * scale + "px;");
        return big;
    }

    private void restore(Scene big) {
        Parent root = big.getRoot();
        root.setStyle("");
        big.setRoot(new Pane());
        scene.setRoot(root);
    }

    @Test
    void noTextIsCutShortAt100Percent(FxRobot robot) {
        assertEquals(1280, scene.getWidth());
        assertEquals(800, scene.getHeight());
        List<String> clipped = clippedEverywhere(robot, 1, null);
        assertTrue(clipped.isEmpty(), String.join("\n", clipped));
    }

    @Test
    void noTextIsCutShortAt200Percent(FxRobot robot) {
        List<String> clipped = clippedEverywhere(robot, 2, "200pct");
        assertTrue(clipped.isEmpty(), String.join("\n", clipped));
        assertTrue(Files.isRegularFile(Screenshots.dir().resolve("02-server-200pct-zh_CN.png")));
        assertTrue(Files.isRegularFile(Screenshots.dir().resolve("04-settings-200pct-en.png")));
    }
}
