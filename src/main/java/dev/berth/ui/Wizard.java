package dev.berth.ui;

import dev.berth.ui.checks.ChecksView;
import dev.berth.ui.checks.ChecksViewModel;
import dev.berth.ui.dashboard.DashboardView;
import dev.berth.ui.dashboard.DashboardViewModel;
import dev.berth.ui.deploy.DeployView;
import dev.berth.ui.deploy.DeployViewModel;
import dev.berth.ui.images.ImagesView;
import dev.berth.ui.images.ImagesViewModel;
import dev.berth.ui.review.ReviewView;
import dev.berth.ui.review.ReviewViewModel;
import dev.berth.ui.server.ServerView;
import dev.berth.ui.server.ServerViewModel;
import dev.berth.ui.settings.SettingsView;
import dev.berth.ui.settings.SettingsViewModel;
import dev.berth.ui.stack.StackView;
import dev.berth.ui.stack.StackViewModel;
import dev.berth.ui.profiles.ProfilesPanel;
import dev.berth.ui.profiles.ProfilesViewModel;
import java.util.List;

/** Puts the wizard together: the step view models in order, and the view for each. */
public final class Wizard {
    private final WizardModel model;
    private final WizardViewModel viewModel;
    private final ProfilesViewModel profiles;

    public Wizard(WizardModel model) {
        this.model = model;
        StackViewModel stack = new StackViewModel(model);
        SettingsViewModel settings = new SettingsViewModel(model);
        // A backup file's answers (or dropping it) change what the settings form starts from: build it again.
        stack.onStartingAnswersChanged(settings::reset);
        DashboardViewModel dashboard = new DashboardViewModel(model);
        // A deployment to several servers is a Swarm stack: the dashboard reads it on the first manager.
        dashboard.clusterFrom(() -> model.cluster() == null ? null : new WizardClusterTarget(model));
        this.viewModel = new WizardViewModel(model, List.of(stack, new ServerViewModel(model),
                new ChecksViewModel(model), settings, new ImagesViewModel(model),
                new ReviewViewModel(model), new DeployViewModel(model), dashboard));
        this.profiles = new ProfilesViewModel(model, viewModel);
    }

    public ProfilesViewModel profiles() {
        return profiles;
    }

    public WizardModel model() {
        return model;
    }

    public WizardViewModel viewModel() {
        return viewModel;
    }

    /** The view of a step, built fresh (after a language switch too). */
    public StepView viewOf(StepModel step) {
        I18n i18n = model.i18n();
        return switch (step.step()) {
            case STACK -> new StackView((StackViewModel) step, i18n, box -> {
                ProfilesPanel.list(box, profiles, i18n);
                profiles.load();
            });
            case SERVER -> new ServerView((ServerViewModel) step, i18n);
            case CHECKS -> new ChecksView((ChecksViewModel) step, i18n);
            case SETTINGS -> new SettingsView((SettingsViewModel) step, i18n,
                    model.bundle() == null ? "" : i18n.t(model.bundle().name()));
            case IMAGES -> new ImagesView((ImagesViewModel) step, i18n);
            case REVIEW -> new ReviewView((ReviewViewModel) step, i18n, bar -> ProfilesPanel.saveBar(bar, profiles, i18n,
                    model.bundle() == null || model.target() == null ? "" : model.bundle().id() + "-" + model.target().host()));
            case DEPLOY -> new DeployView((DeployViewModel) step, i18n);
            case DASHBOARD -> new DashboardView((DashboardViewModel) step, i18n, model.dialogs());
        };
    }

    /** The main window over these steps; {@code close} runs after Cancel is confirmed. */
    public MainWindow window(Runnable close) {
        return new MainWindow(viewModel, this::viewOf, close);
    }
}
