package dev.berth.ui.profiles;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.Endpoint;
import dev.berth.bundle.Renderer;
import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.Privilege;
import dev.berth.ui.deploy.DeployViewModel;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileListing;
import dev.berth.profile.ProfileNode;
import dev.berth.profile.ProfileStore;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import dev.berth.ui.WizardViewModel;
import dev.berth.ui.dashboard.DashboardViewModel;
import dev.berth.ui.server.NodeRow;
import dev.berth.ui.server.ServerViewModel;
import dev.berth.ui.settings.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * needs one goes through the Server step. A cluster profile opens as the Server step's node table, each node tested
 * again (against its pinned host key) before the dashboard or the checks.
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
        if (p.isCluster()) {
            openCluster(p, where, server);
            return;
        }
        server.fill(p.target());
        TargetSpec spec = p.target();
        Credentials creds = spec.identity() == null
                ? Credentials.none().withAgent(null).withJump(Credentials.none().withAgent(null)) : Credentials.none();
        load(p, where, () -> model.connect(spec, creds));
    }

    /**
     * The node table filled from the profile and every row tested, as the operator would on the Server step; when one
     * fails (unreachable, a changed host key) the Server step shows which and why.
     */
    private void openCluster(Profile p, Step where, ServerViewModel server) {
        ClusterSpec cluster = clusterOf(p);
        server.fillCluster(cluster, p.target().installDir());
        List<NodeRow> rows = List.copyOf(server.nodes());
        if (server.installDirErrorProperty().get() != null || rows.stream().anyMatch(r -> r.problemProperty().get() != null)) {
            clusterNotReady(p); // a row that cannot be tested, or no place to install: the step says which
            return;
        }
        NodeTests.whenSettled(rows, server.validProperty(), allPassed -> {
            if (!allPassed) {
                clusterNotReady(p);
                return;
            }
            String leader = model.cluster().leader().name();
            load(p, where, () -> model.nodeShell(leader));
        });
        rows.forEach(server::testNode);
    }

    private void clusterNotReady(Profile p) {
        problem.set(Localized.of("配置 " + p.name() + " 中有服务器未通过测试：请在“服务器”一步查看。",
                "A server of profile " + p.name() + " did not pass its test: see the Server step."));
        nav.goTo(Step.SERVER);
    }

    /** A cluster profile's nodes as the engine's cluster target, each with its pinned key and the install directory. */
    static ClusterSpec clusterOf(Profile p) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (ProfileNode n : p.cluster()) {
            nodes.add(new ClusterNode(n.name(), n.target().withInstallDir(p.target().installDir()),
                    n.manager() ? ClusterNode.Role.MANAGER : ClusterNode.Role.WORKER, n.labels(), n.login()));
        }
        return new ClusterSpec(nodes);
    }

    /** What the open connection needs to give: one server's, or a cluster's first manager's. */
    private interface Connection {
        RemoteShell open() throws Exception;
    }

    private void load(Profile p, Step where, Connection connection) {
        model.executor().run(() -> {
            Bundle bundle = BundleLoader.load(bundleDir(p));
            TargetSpec spec = p.target();
            RemoteShell shell = connection.open();
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
            // A cluster's dashboard names the stack after the install's project on the first manager, which its probe
            // tells (one server's dashboard reads it itself). The Checks step still checks every node when shown.
            PreflightReport leader = p.isCluster() && where == Step.DASHBOARD
                    ? ServerPreflight.run(shell, bundle, null, layout.installDir(), spec.host()).report() : null;
            return new Opened(bundle, endpoints, running, privilege, stepLabels, leader);
        }, o -> {
            model.bundleProperty().set(o.bundle());
            if (!p.isCluster()) {
                model.targetProperty().set(p.target()); // a cluster's is its first manager's, set by the node table
            }
            model.reportProperty().set(o.leaderReport());
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

    /**
     * As the CLI's --save-profile after a cluster deploy: each node with the host key its test pinned, and the
     * operator's answers; the generated secrets stay in the first manager's release, where every redeploy reads them.
     */
    static Profile clusterProfile(String name, Bundle bundle, ClusterSpec cluster, String installDir,
                                  dev.berth.bundle.ResolvedAnswers answers) {
        List<ProfileNode> nodes = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            nodes.add(new ProfileNode(n.name(), n.target(), n.manager(), n.labels(), n.login()));
        }
        Map<String, Object> given = new LinkedHashMap<>(Profile.answersOf(answers));
        given.keySet().removeAll(answers.generated());
        return Profile.ofCluster(name, bundle, nodes, installDir, given, Instant.now());
    }

    private record Opened(Bundle bundle, List<Endpoint> endpoints, Optional<String> runningJob, Privilege privilege,
                          Map<String, Localized> stepLabels, PreflightReport leaderReport) {}

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
        ClusterSpec cluster = model.cluster();
        model.executor().run(() -> {
            // The same rule as the CLI's --save-profile: the answers used, generated secrets included, and the host key
            // the operator accepted.
            Profile p = cluster != null ? clusterProfile(name.trim(), bundle, cluster, target.installDir(), answers)
                    : Profile.of(name.trim(), bundle, fingerprint == null ? target : target.withHostKey(fingerprint),
                            answers, Instant.now());
            store.save(p, bundle);
            return p;
        }, p -> {
            saved.set(Localized.of("已保存为配置 " + p.name() + "。", "Saved as profile " + p.name() + "."));
            load();
        }, e -> problem.set(StepModel.sentenceOf(e)));
    }

    /** Where a saved deployment went, as the list shows it: the server, or a cluster's node count and first manager. */
    public static String where(Profile p, dev.berth.ui.I18n i18n) {
        return p.isCluster() ? i18n.get("stack.profile.cluster", p.cluster().size(), p.target().display())
                : p.target().display();
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
