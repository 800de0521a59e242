package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import dev.berth.ui.checks.ChecksViewModel;
import dev.berth.ui.images.ImagesViewModel;
import dev.berth.ui.review.ReviewViewModel;
import dev.berth.ui.server.AuthMethod;
import dev.berth.ui.server.ServerViewModel;
import dev.berth.ui.settings.SettingsViewModel;
import dev.berth.ui.stack.StackViewModel;
import java.nio.file.Path;

/**
 * The wizard walked through its view models (no screen), against the real test target, as an operator walks it to
 * the Deploy step: each step is filled in, must be valid, and Next is pressed. A test fills in what is its own
 * (settings, where the link goes) and decides when to press Next on Review, which starts the deploy.
 */
public final class WizardWalk {
    private final Wizard wizard;
    private final WizardViewModel nav;

    /** A new wizard (fresh Berth home, direct executor) on its first step. */
    public WizardWalk(ScriptedDialogs dialogs) {
        wizard = new Wizard(UiTestModels.model(dialogs));
        nav = wizard.viewModel();
        nav.start();
    }

    public Wizard wizard() {
        return wizard;
    }

    public WizardViewModel nav() {
        return nav;
    }

    /**
     * Stack, Server and Checks: picks BUNDLE, connects to the test target at PORT (its sshd, or a relay in front of
     * it) with INSTALL_DIR, and every check must pass. Returns the Settings step, for the test to fill in.
     */
    public SettingsViewModel toSettings(String bundle, TestTarget t, int port, String installDir) {
        stack(bundle);
        server(t, port, installDir);
        return checks();
    }

    /** Settings as the test filled them in, then Images (the tarballs in IMAGES_DIR), to a valid Review step. */
    public ReviewViewModel toReview(Path imagesDir) {
        settingsDone();
        images(imagesDir);
        return review();
    }

    private void stack(String bundle) {
        StackViewModel stack = nav.step(Step.STACK);
        assertTrue(stack.select(bundle));
        nav.next();
    }

    private void server(TestTarget t, int port, String installDir) {
        ServerViewModel server = nav.step(Step.SERVER);
        server.hostProperty().set(t.host());
        server.portProperty().set(Integer.toString(port));
        server.userProperty().set(t.user());
        server.authProperty().set(AuthMethod.KEY_FILE);
        server.keyFileProperty().set(t.ed25519Key().toString());
        server.installDirProperty().set(installDir);
        server.testConnection();
        assertTrue(server.isValid(), () -> String.valueOf(server.getProblem()));
        nav.next();
    }

    private SettingsViewModel checks() {
        ChecksViewModel checks = nav.step(Step.CHECKS);
        assertTrue(checks.isValid(), () -> checks.results() + " " + checks.getProblem());
        nav.next();
        return nav.step(Step.SETTINGS);
    }

    private void settingsDone() {
        SettingsViewModel settings = nav.step(Step.SETTINGS);
        assertTrue(settings.isValid(), settings.formProblems().toString());
        nav.next();
    }

    private void images(Path dir) {
        wizard.model().imagesDirProperty().set(dir);
        ImagesViewModel images = nav.step(Step.IMAGES);
        assertTrue(images.isValid(), () -> String.valueOf(images.getProblem()));
        nav.next();
    }

    /** Review: must be valid; Next is the test's to press (the deploy runs then, the executor being direct). */
    private ReviewViewModel review() {
        ReviewViewModel review = nav.step(Step.REVIEW);
        assertTrue(review.isValid(), () -> String.valueOf(review.getProblem()));
        return review;
    }
}
