package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cluster.ClusterNode;
import dev.berth.preflight.CheckResult;
import dev.berth.status.SwarmView;
import dev.berth.testsupport.ClusterTestBed;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import dev.berth.ui.checks.ChecksViewModel;
import dev.berth.ui.dashboard.ClusterDashboardViewModel;
import dev.berth.ui.dashboard.ClusterServiceState;
import dev.berth.ui.dashboard.DashboardViewModel;
import dev.berth.ui.deploy.DeployViewModel;
import dev.berth.ui.images.ImagesViewModel;
import dev.berth.ui.review.ReviewViewModel;
import dev.berth.ui.server.NodeRow;
import dev.berth.ui.server.ServerMode;
import dev.berth.ui.server.ServerViewModel;
import dev.berth.ui.settings.SettingsViewModel;
import dev.berth.ui.stack.StackViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wizard walked through its view models (no screen, direct executor) onto the test env's real three-node Swarm
 * (scripts/test-env.sh swarm-up), as an operator with three servers walks it: Several servers on the Server step with
 * each node tested, every node checked, a greeting answered, the images folder, Review, Deploy. The swarm is formed,
 * web runs its two replicas and the cluster dashboard shows it 2/2 healthy.
 */
@IntegrationTest
class WizardClusterDeployTest {
    private static final String INSTALL = "/var/tmp/berth-wizard-cluster-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path images;

    @BeforeAll
    static void cleanStart() throws Exception {
        TestTarget.get().startSwarmNodes();
        cleanUp();
        images = Files.createTempDirectory("wizard-cluster-images");
        ClusterTestBed.writeImages(images, 0);
    }

    @AfterAll
    static void cleanUp() {
        ClusterTestBed.clean(INSTALL); // every node out of any swarm again, no images, no install
    }

    private static Wizard wizard(ScriptedDialogs dialogs, Path berthHome) {
        // cluster-demo is a test bundle: the stack list reads the test bundles' folder.
        WizardModel model = new WizardModel(new I18n(Locale.ENGLISH), TaskExecutor.direct(), dialogs,
                berthHome, ClusterTestBed.bundle().getParent(), TestTarget.isolatedConnector());
        return new Wizard(model);
    }

    @Test
    void threeServersWalkedFromTheServerStepToAHealthyDashboard() throws Exception {
        TestTarget t = TestTarget.get();
        ScriptedDialogs dialogs = new ScriptedDialogs(); // accepts each node's host key
        Path home = TestTarget.newBerthHome();
        Wizard wizard = wizard(dialogs, home);
        WizardViewModel nav = wizard.viewModel();
        WizardModel model = wizard.model();
        nav.start();

        StackViewModel stack = nav.step(Step.STACK);
        assertTrue(stack.select("cluster-demo"), stack.entries().toString());
        nav.next();

        // Several servers: n1 manages and carries data and app, n2 and n3 are app workers.
        ServerViewModel server = nav.step(Step.SERVER);
        server.installDirProperty().set(INSTALL);
        server.modeProperty().set(ServerMode.CLUSTER);
        List<String> addresses = t.swarmNodes();
        String port = t.property("swarm.ssh.port");
        for (int i = 0; i < 3; i++) {
            NodeRow row = i == 0 ? server.nodes().get(0) : server.addNode();
            row.nameProperty().set("n" + (i + 1));
            row.addressProperty().set("root@" + addresses.get(i) + ":" + port);
            row.keyFileProperty().set(t.ed25519Key().toString());
            row.roleProperty().set(i == 0 ? ClusterNode.Role.MANAGER : ClusterNode.Role.WORKER);
            row.labelsProperty().set(i == 0 ? "data, app" : "app");
        }
        List.copyOf(server.nodes()).forEach(server::testNode);
        for (NodeRow row : server.nodes()) {
            assertEquals(NodeRow.Test.OK, row.testProperty().get(), () -> row.nameProperty().get() + ": "
                    + row.resultProperty().get());
            assertEquals(t.hostKeyFingerprint(), row.fingerprintProperty().get(), "the node's host key as shown");
        }
        assertEquals(3, dialogs.fingerprintsShown.size(), "each node's key shown once: " + dialogs.fingerprintsShown);
        assertTrue(server.isValid(), () -> String.valueOf(server.clusterProblemProperty().get()));
        assertNotNull(model.cluster());
        nav.next();

        // Checks: every node, each under its own heading, then the stack's cores and memory on all nodes together.
        ChecksViewModel checks = nav.step(Step.CHECKS);
        assertTrue(checks.isValid(), () -> checks.results() + " " + checks.getProblem());
        List<String> headings = checks.results().stream().map(checks::headingOf).flatMap(java.util.Optional::stream)
                .toList();
        assertEquals(List.of("n1", "n2", "n3", ChecksViewModel.ALL_NODES), headings);
        for (CheckResult r : checks.results()) {
            assertTrue(checks.nodeOf(r).isPresent(), "every row belongs to a node or to all: " + r.id());
        }
        assertNotNull(model.facts(), "the first manager's report is the model's, for Settings and Review");
        nav.next();

        SettingsViewModel settings = nav.step(Step.SETTINGS);
        settings.field("GREETING").textProperty().set("Hello wizard");
        assertTrue(settings.isValid(), settings.formProblems().toString());
        nav.next();

        model.imagesDirProperty().set(images);
        ImagesViewModel imagesStep = nav.step(Step.IMAGES);
        assertTrue(imagesStep.isValid(), () -> String.valueOf(imagesStep.getProblem()));
        nav.next();

        ReviewViewModel review = nav.step(Step.REVIEW);
        assertTrue(review.isValid(), () -> String.valueOf(review.getProblem()));
        // What the operator reviews is the stack the first manager will deploy, stage by stage.
        assertTrue(model.prepared().plan().swarm(), "a cluster's release is reviewed as a stack");
        assertNotNull(model.prepared().rendered().file(".berth/stack/web.yml"), "web's stage file is shown");
        long started = System.nanoTime();
        nav.next(); // Deploy runs here: the executor is direct

        DeployViewModel deploy = nav.step(Step.DEPLOY);
        assertTrue(deploy.succeededProperty().get(), () -> deploy.problemProperty().get() + "\n"
                + String.join("\n", deploy.journal()));
        assertTrue(deploy.journal().stream().anyMatch(l -> l.contains("The swarm is formed: 3 nodes.")),
                String.join("\n", deploy.journal()));
        System.out.printf("wizard cluster deploy: %.1f s%n", (System.nanoTime() - started) / 1e9);

        // Two web replicas, running, on two nodes, as the manager's engine lists them.
        String project = JSON.readTree(Path.of(INSTALL, ".berth/install.json").toFile()).get("project").asText();
        String ps = TestTarget.runLocalOk(ClusterTestBed.docker(ClusterTestBed.sockets().get(0))
                + " service ps --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' " + project + "_web");
        Set<String> webNodes = ps.lines().map(l -> l.split(" ")).filter(f -> f.length >= 2 && f[1].equals("Running"))
                .map(f -> f[0]).collect(Collectors.toSet());
        assertEquals(2, webNodes.size(), ps);

        // The dashboard: web 2/2 and healthy.
        nav.next();
        assertWebHealthy(nav.step(Step.DASHBOARD));

        // Saved as a profile, then opened by the next wizard on this laptop straight into the same dashboard: every
        // node tested again, none of their keys asked about (the profile pinned them).
        wizard.profiles().saveAs("wizard-swarm");
        assertEquals(null, wizard.profiles().problemProperty().get());
        ScriptedDialogs later = new ScriptedDialogs();
        later.trustKeys = false;
        Wizard next = wizard(later, home);
        next.viewModel().start();
        next.profiles().load();
        dev.berth.profile.Profile saved = next.profiles().profiles().stream()
                .filter(p -> p.name().equals("wizard-swarm")).findFirst().orElseThrow();
        assertEquals(3, saved.cluster().size(), saved.toString());
        next.profiles().openDashboard(saved);
        assertEquals(null, next.profiles().problemProperty().get(), () -> next.profiles().problemProperty().get().en());
        assertEquals(Step.DASHBOARD, next.viewModel().current().step());
        assertTrue(later.fingerprintsShown.isEmpty(), later.fingerprintsShown.toString());
        assertWebHealthy(next.viewModel().step(Step.DASHBOARD));
    }

    private static void assertWebHealthy(DashboardViewModel dashboard) {
        ClusterDashboardViewModel cluster = dashboard.cluster();
        assertNotNull(cluster, "a cluster deployment shows the cluster dashboard");
        cluster.refresh();
        SwarmView.ServiceRow web = cluster.services().stream().filter(s -> s.name().equals("web")).findFirst()
                .orElseThrow(() -> new AssertionError(cluster.services() + " " + cluster.bannerProperty().get()));
        assertEquals(2, web.running(), web.toString());
        assertEquals(2, web.desired(), web.toString());
        assertEquals(ClusterServiceState.HEALTHY, cluster.stateOf(web), web.toString());
        assertEquals(3, cluster.nodes().size(), new TreeMap<>(cluster.nodes().stream()
                .collect(Collectors.toMap(SwarmView.NodeRow::hostname, SwarmView.NodeRow::status))).toString());
    }
}
