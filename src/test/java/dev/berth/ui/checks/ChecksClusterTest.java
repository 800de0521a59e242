package dev.berth.ui.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TargetSpec;
import dev.berth.target.FactsParser;
import dev.berth.target.Fixtures;
import dev.berth.target.Prober;
import dev.berth.target.ServerCommands;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.testsupport.TestTarget;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.TaskExecutor;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Checks step with a cluster in the model: every node is probed over its own connection (the recorded Debian 12
 * probe, public source in src/test/resources/probe/), its rows listed under a heading with its name, a FAIL on any
 * node blocks Next, and the first manager's report is the model's. Ports are judged on a first deploy only.
 * ChecksClusterViewTest shows the same lists on screen.
 */
class ChecksClusterTest {
    private static final String DIR = "/opt/berth/demo";
    private static final String LIVE = "{\"bundle\":\"demo\",\"version\":\"1.0.0\",\"images\":[]}";

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    final Map<String, ScriptedShell> servers = new HashMap<>();
    final WizardModel model = new WizardModel(new I18n(Locale.ENGLISH), TaskExecutor.direct(), dialogs,
            TestTarget.tempDir("berth-ui-home"), UiTestModels.bundles(), (spec, creds, store, decision, timeout) -> {
                ScriptedShell shell = servers.get(spec.host());
                if (shell == null) {
                    throw new SshException(SshException.Kind.UNREACHABLE, Localized.same("Cannot reach " + spec.host()));
                }
                return shell;
            });
    final ChecksViewModel vm = new ChecksViewModel(model);
    private final ClusterSpec cluster = new ClusterSpec(List.of(
            node("n1", "10.77.0.1", ClusterNode.Role.MANAGER),
            node("n2", "10.77.0.2", ClusterNode.Role.WORKER),
            node("n3", "10.77.0.3", ClusterNode.Role.WORKER)));

    private static ClusterNode node(String name, String host, ClusterNode.Role role) {
        return new ClusterNode(name, TargetSpec.parse("root@" + host).withInstallDir(DIR), role, List.of());
    }

    /** The recorded Debian 12 server; with {@code live}, Berth's release of the demo already runs there. */
    static String probe(boolean live) {
        String raw = Fixtures.raw("local-debian12.txt");
        if (live) {
            raw = raw.replace("=== install ===\nexists=no\n", "=== install ===\nexists=yes\nreleases=yes\ncurrent=releases/r1\n")
                    .replace("=== release-json ===\n", "=== release-json ===\n" + LIVE + "\n");
        }
        return raw;
    }

    static ScriptedShell server(String probe) {
        return server(probe, "absent");
    }

    /** @param live the live release's answers as the server sends them ("absent", or "present " and base64) */
    private static ScriptedShell server(String probe, String live) {
        ScriptedShell shell = new ScriptedShell().answer(Privilege.ID_U, Recorded.result("id-u-root.txt"))
                .answer(Prober.command(DIR, List.of()), probe);
        ReleaseLayout layout = new ReleaseLayout(DIR);
        Privilege privilege = FactsParser.parse(probe).access().privilege();
        // Kept secrets, live answers and the last job's: one line each.
        shell.answer(new ServerCommands(privilege).readPreviousAnswers(layout.keptSecrets(), layout.current()
                + "/.berth/answers.yaml", layout.releasesDir(), layout.lastJobFile()),
                new ExecResult(0, "absent\n" + live + "\nabsent\n", ""));
        return shell;
    }

    /** Each node connected as the Server step's Test leaves it, the cluster and its first manager in the model. */
    void serverStepDone() throws Exception {
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        for (ClusterNode n : cluster.nodes()) {
            model.connectNode(n.name(), n.target(), Credentials.none());
        }
        model.clusterProperty().set(cluster);
        model.useLogin(cluster.leader().target(), Credentials.none());
    }

    private List<String> headings() {
        return vm.results().stream().map(vm::headingOf).flatMap(java.util.Optional::stream).toList();
    }

    /** The ids of the rows listed under node {@code name}'s heading. */
    private List<String> rowsOf(String name) {
        List<String> ids = new ArrayList<>();
        for (CheckResult r : vm.results()) {
            if (vm.headingOf(r).isEmpty() && vm.nodeOf(r).orElseThrow().equals(name)) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    @Test
    void everyNodeIsCheckedOverItsOwnConnectionAndListedUnderItsName() throws Exception {
        servers.put("10.77.0.1", server(probe(false)));
        servers.put("10.77.0.2", server(probe(false)));
        servers.put("10.77.0.3", server(probe(false)));
        serverStepDone();

        vm.enter();

        assertEquals(null, vm.getProblem());
        assertEquals(List.of("n1", "n2", "n3", ChecksViewModel.ALL_NODES), headings(),
                "one heading per node, in the cluster's order, then the nodes' cores and memory together");
        assertEquals(List.of("cluster-cores", "cluster-memory"), rowsOf(ChecksViewModel.ALL_NODES));
        assertTrue(rowsOf("n2").stream().noneMatch(id -> id.equals("memory") || id.equals("cores")),
                "no node is judged alone on the whole stack's cores and memory");
        assertEquals("Node n2", vm.results().stream().filter(r -> vm.headingOf(r).equals(java.util.Optional.of("n2")))
                .findFirst().orElseThrow().title().en());
        for (String n : List.of("n1", "n2", "n3")) {
            assertEquals(servers.get("10.77.0." + n.substring(1)).commands().stream()
                    .filter(c -> c.equals(Prober.command(DIR, List.of()))).count(), 1, n + " was probed once");
            assertTrue(rowsOf(n).stream().anyMatch(id -> id.startsWith("port:")),
                    "a first deploy judges the ports on " + n + ": " + rowsOf(n));
        }
        assertEquals(rowsOf("n1"), rowsOf("n3"), "each node gets the whole report");
        assertTrue(vm.isValid(), vm.results().toString());
        assertSame(model.reportProperty().get().facts(), model.facts());
        assertEquals(model.reportProperty().get().results(), vm.results().stream()
                .filter(r -> vm.headingOf(r).isEmpty() && vm.nodeOf(r).orElseThrow().equals("n1")).toList(),
                "the model's report is the first manager's, for Settings and Review");
    }

    @Test
    void aFailOnOneNodeBlocksNextAndNamesThatNode() throws Exception {
        servers.put("10.77.0.1", server(probe(false)));
        // n2 is an s390x machine, which the demo's images are not built for (memory and cores are the nodes' together).
        servers.put("10.77.0.2", server(probe(false).replace("\narch=x86_64\n", "\narch=s390x\n")));
        servers.put("10.77.0.3", server(probe(false)));
        serverStepDone();

        vm.checkAgain();

        assertFalse(vm.isValid(), "a FAIL on any node blocks Next");
        assertEquals(Outcome.FAIL, vm.worstProperty().get());
        CheckResult n2 = vm.results().stream().filter(r -> vm.headingOf(r).equals(java.util.Optional.of("n2")))
                .findFirst().orElseThrow();
        assertEquals(Outcome.FAIL, n2.outcome(), "n2's heading carries its verdict");
        assertTrue(vm.results().stream().anyMatch(r -> vm.headingOf(r).isEmpty()
                && vm.nodeOf(r).orElseThrow().equals("n2") && r.outcome() == Outcome.FAIL), vm.results().toString());
        for (CheckResult h : vm.results()) {
            if (vm.headingOf(h).filter(n -> !n.equals("n2")).isPresent()) {
                assertTrue(h.outcome() != Outcome.FAIL, "the other nodes pass: " + h);
            }
        }
    }

    @Test
    void aReportOfTheFirstManagerAloneIsCheckedAgainOnEveryNode() throws Exception {
        servers.put("10.77.0.1", server(probe(false)));
        servers.put("10.77.0.2", server(probe(false)));
        servers.put("10.77.0.3", server(probe(false)));
        serverStepDone();
        // As a cluster profile opened into its dashboard leaves it: the first manager's report, no node list.
        model.reportProperty().set(dev.berth.ui.DemoReleases.report(null));
        assertTrue(headings().isEmpty());

        vm.enter();

        assertEquals(List.of("n1", "n2", "n3", ChecksViewModel.ALL_NODES), headings());
        assertEquals(1, servers.get("10.77.0.3").commands().stream()
                .filter(c -> c.equals(Prober.command(DIR, List.of()))).count(), "n3 was checked");

        vm.enter();
        assertEquals(1, servers.get("10.77.0.3").commands().stream()
                .filter(c -> c.equals(Prober.command(DIR, List.of()))).count(), "a full list is not checked again");
    }

    @Test
    void aRedeployLeavesThePortsToSwarmOnEveryNode() throws Exception {
        String token = "0123456789abcdef0123456789abcdef";
        servers.put("10.77.0.1", server(probe(true), "present " + java.util.Base64.getEncoder().encodeToString(
                ("API_TOKEN: " + token + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        servers.put("10.77.0.2", server(probe(false)));
        servers.put("10.77.0.3", server(probe(false)));
        serverStepDone();

        vm.checkAgain();

        assertTrue(vm.isValid(), vm.results().toString());
        assertEquals(token, model.serverAnswers().get("API_TOKEN"),
                "the first manager's record: the settings keep its generated secret");
        for (String n : List.of("n1", "n2", "n3")) {
            assertFalse(rowsOf(n).isEmpty(), n);
            assertTrue(rowsOf(n).stream().noneMatch(id -> id.startsWith("port:")),
                    "Swarm's own tasks hold the ports on a redeploy: " + n + " " + rowsOf(n));
        }
    }
}
