package dev.berth.ui.profiles;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.Endpoint;
import dev.berth.bundle.Renderer;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.Privilege;
import dev.berth.ui.deploy.DeployViewModel;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileListing;
import dev.berth.profile.ProfileStore;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import dev.berth.ui.WizardViewModel;
import dev.berth.ui.dashboard.DashboardViewModel;
import dev.berth.ui.server.ServerViewModel;
import dev.berth.ui.settings.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Saved deployments: listed when Berth opens, opened straight into their dashboard or redeployed from the checks
 * with their saved answers; and "Save as profile" from the Review step. Profiles hold no password; a login that
 * needs one goes through the Server step.
 */
public final class ProfilesViewModel {
    private final WizardModel model;
    private final WizardViewModel nav;
    private final ProfileStore store;
    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ObservableList<Localized> unreadable = FXCollections.observableArrayList();
    private final ObjectProperty<Localized> problem = new SimpleObjectProperty<>();
    private final ObjectProperty<Localized> saved = new SimpleObjectProperty<>();

    public ProfilesViewModel(WizardModel model, WizardViewModel nav) {
        this.model = model;
        this.nav = nav;
        this.store = new ProfileStore(model.berthHome());
    }

    public void load() {
        model.executor().run(store::scan, (ProfileListing l) -> {
            profiles.setAll(l.profiles());
            unreadable.setAll(l.problems().stream().map(p -> Localized.of(p.name() + "：" + p.message().zh(),
                    p.name() + ": " + p.message().en())).toList());
        }, e -> problem.set(StepModel.sentenceOf(e)));
    }

    /** Connects with the saved target and shows the deployment's dashboard. */
    public void openDashboard(Profile p) {
        open(p, Step.DASHBOARD);
    }

    /** Connects and starts a redeploy at the checks, with the saved answers in the form. */
    public void redeploy(Profile p) {
        open(p, Step.CHECKS);
    }

    private void open(Profile p, Step where) {
        problem.set(null);
        ServerViewModel server = nav.step(Step.SERVER);
        server.fill(p.target());
        model.executor().run(() -> {
            Bundle bundle = BundleLoader.load(bundleDir(p));
            TargetSpec spec = p.target();
            Credentials creds = spec.identity() == null
                    ? Credentials.none().withAgent(null).withJump(Credentials.none().withAgent(null)) : Credentials.none();
            RemoteShell shell = model.connect(spec, creds);
            var layout = new ReleaseLayout(spec.installDir());
            List<Endpoint> endpoints = List.of();
            Map<String, Localized> stepLabels = Map.of();
            try {
                var answers = AnswersResolver.resolve(bundle, p.answers());
                var rendered = Renderer.render(bundle, answers, Builtins.of(layout.installDir(), "profile", layout.newProjectName(),
                        spec.host()));
                endpoints = rendered.endpoints();
                stepLabels = StepLabels.of(bundle, answers, rendered, layout);
            } catch (Exception e) {
                // The dashboard still shows the services; only the links (and a followed job's step names) are missing.
            }
            // The lid may have closed (or the network dropped) while a deploy ran: its job goes on on the server.
            Privilege privilege = Privilege.detect(shell);
            Optional<String> running = new Deployer(shell, privilege, layout, Clock.systemUTC()).runningJob();
            return new Opened(bundle, endpoints, running, privilege, stepLabels);
        }, o -> {
            model.bundleProperty().set(o.bundle());
            model.targetProperty().set(p.target());
            model.reportProperty().set(null);
            model.preparedProperty().set(null);
            model.startingAnswers().clear();
            model.startingAnswers().putAll(p.answers());
            model.restoreArchiveProperty().set(null); // a saved deployment is deployed as it is, not restored
            ((SettingsViewModel) nav.step(Step.SETTINGS)).reset();
            ((DashboardViewModel) nav.step(Step.DASHBOARD)).showEndpoints(o.endpoints());
            if (o.runningJob().isPresent()) {
                ((DeployViewModel) nav.step(Step.DEPLOY)).followRunning(o.runningJob().get(), o.privilege(), o.stepLabels());
                nav.goTo(Step.DEPLOY);
                return;
            }
            nav.goTo(where);
        }, e -> problem.set(Localized.of(StepModel.sentenceOf(e).zh() + " 请在“服务器”一步登录。",
                StepModel.sentenceOf(e).en() + " Log in on the Server step.")));
    }

    private record Opened(Bundle bundle, List<Endpoint> endpoints, Optional<String> runningJob, Privilege privilege,
                          Map<String, Localized> stepLabels) {}

    private Path bundleDir(Profile p) {
        if (p.bundleDir() != null && Files.isRegularFile(p.bundleDir().resolve("bundle.yaml"))) {
            return p.bundleDir();
        }
        return model.bundlesDir().resolve(p.bundleId());
    }

    /** Saves the current bundle, server and answers (generated secrets included) under {@code name}. */
    public void saveAs(String name) {
        saved.set(null);
        problem.set(null);
        Bundle bundle = model.bundle();
        var answers = model.answers();
        TargetSpec target = model.target();
        if (bundle == null || answers == null || target == null) {
            return;
        }
        String fingerprint = model.fingerprint();
        model.executor().run(() -> {
            // The same rule as the CLI's --save-profile: the answers used, generated secrets included, and the host key
            // the operator accepted.
            Profile p = Profile.of(name.trim(), bundle, fingerprint == null ? target : target.withHostKey(fingerprint),
                    answers, Instant.now());
            store.save(p, bundle);
            return p;
        }, p -> {
            saved.set(Localized.of("已保存为配置 " + p.name() + "。", "Saved as profile " + p.name() + "."));
            load();
        }, e -> problem.set(StepModel.sentenceOf(e)));
    }

    public ObservableList<Profile> profiles() {
        return profiles;
    }

    public ObservableList<Localized> unreadable() {
        return unreadable;
    }

    public ObjectProperty<Localized> problemProperty() {
        return problem;
    }

    public ObjectProperty<Localized> savedProperty() {
        return saved;
    }

    public ProfileStore store() {
        return store;
    }
}
