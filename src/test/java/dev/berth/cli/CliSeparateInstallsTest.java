package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.TestTarget;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two installs of one bundle whose folders end in the same name ({@code .../a/demo}, {@code .../b/demo}) are two
 * compose projects: each deploys and stays healthy, a redeploy of one leaves the other's containers alone, and one's
 * port check does not take the other's ports for its own. An install deployed under the old name (the folder's last
 * element, no install record) keeps that name; an install whose project name another install's containers carry is
 * refused before anything changes.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliSeparateInstallsTest {
    private static final String A = "/opt/berth-test/a/demo";
    private static final String B = "/opt/berth-test/b/demo";
    private static final String OLD = "/opt/berth-test/sepold/old/sepold";
    private static final String CLASH = "/opt/berth-test/sepold/clash/sepold";
    private static final int PORT_A = 18511;
    private static final int PORT_B = 18512;
    private static final int PORT_OLD = 18513;
    private static final int PORT_CLASH = 18514;
    private static final String DEMO = TestTargetCli.bundle("demo");

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        for (String root : new String[] {"/opt/berth-test/a", "/opt/berth-test/b", "/opt/berth-test/sepold"}) {
            dev.berth.testsupport.TestInstalls.removeUnder(root);
        }
    }

    private static CliRun deploy(String installDir, int port, String greeting) throws Exception {
        return cli.deploy(installDir, DEMO, "WEB_PORT: " + port + "\nGREETING: " + greeting + "\n");
    }

    /** service → container id of the containers compose started from this install dir. */
    private static Map<String, String> containers(String installDir) {
        String docker = cli.target().dockerCmd();
        String out = TestTarget.runLocalOk("for id in $(" + docker + " ps -aq); do " + docker + " inspect -f "
                + "'{{.Id}} {{index .Config.Labels \"com.docker.compose.service\"}} "
                + "{{index .Config.Labels \"com.docker.compose.project.working_dir\"}}' $id; done");
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 3 && (f[2].equals(installDir) || f[2].startsWith(installDir + "/"))) {
                m.put(f[1], f[0]);
            }
        }
        return m;
    }

    private static String projectOf(String containerId) {
        return cli.target().docker("inspect -f '{{index .Config.Labels \"com.docker.compose.project\"}}' " + containerId).trim();
    }

    private static String portOutcome(CliRun check) throws Exception {
        JsonNode results = new ObjectMapper().readTree(check.out()).get("results");
        for (JsonNode n : results) {
            if (n.get("id").asText().equals("port:WEB_PORT")) {
                return n.get("outcome").asText() + " " + n.get("reason").toString();
            }
        }
        throw new AssertionError(check.toString());
    }

    @Test
    @Order(1)
    void twoInstallsWithTheSameFolderNameAreTwoProjects() throws Exception {
        CliRun a = deploy(A, PORT_A, "from a");
        assertEquals(ExitCode.OK, a.exitCode(), a.toString());
        CliRun b = deploy(B, PORT_B, "from b");
        assertEquals(ExitCode.OK, b.exitCode(), b.toString());

        Map<String, String> ca = containers(A);
        Map<String, String> cb = containers(B);
        assertEquals(2, ca.size(), "a's web and worker: " + ca);
        assertEquals(2, cb.size(), "b's web and worker (a's deploy did not remove them): " + cb);
        assertNotEquals(projectOf(ca.get("web")), projectOf(cb.get("web")), "one compose project each");
        assertTrue(projectOf(ca.get("web")).matches("[a-z0-9][a-z0-9_-]*"), projectOf(ca.get("web")));
        for (String dir : new String[] {A, B}) {
            CliRun status = CliRun.run(cli.withTarget(dir, "status"));
            assertEquals(ExitCode.OK, status.exitCode(), status.toString());
            assertTrue(status.out().contains("All healthy."), status.toString());
        }
        assertEquals("from a\n", TestTarget.runLocalOk("curl -s http://127.0.0.1:" + PORT_A + "/greeting.txt"));
        assertEquals("from b\n", TestTarget.runLocalOk("curl -s http://127.0.0.1:" + PORT_B + "/greeting.txt"));
    }

    @Test
    @Order(2)
    void redeployingOneLeavesTheOthersContainersAlone() throws Exception {
        Map<String, String> before = containers(B);
        CliRun a = deploy(A, PORT_A, "from a again");
        assertEquals(ExitCode.OK, a.exitCode(), a.toString());
        assertEquals(before, containers(B), "b's containers were neither recreated nor removed");
        assertEquals("from a again\n", TestTarget.runLocalOk("curl -s http://127.0.0.1:" + PORT_A + "/greeting.txt"));
        assertEquals("from b\n", TestTarget.runLocalOk("curl -s http://127.0.0.1:" + PORT_B + "/greeting.txt"));
        CliRun status = CliRun.run(cli.withTarget(B, "status"));
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
    }

    @Test
    @Order(3)
    void onesPortCheckDoesNotCallTheOthersPortOurs() throws Exception {
        CliRun other = CliRun.run(cli.withTarget(B, "check", "--bundle", DEMO, "--json", "--answers",
                cli.answers("WEB_PORT: " + PORT_A + "\n").toString()));
        assertEquals(ExitCode.PREFLIGHT_FAILED, other.exitCode(), other.toString());
        assertTrue(portOutcome(other).startsWith("FAIL"), portOutcome(other));
        CliRun own = CliRun.run(cli.withTarget(B, "check", "--bundle", DEMO, "--json", "--answers",
                cli.answers("WEB_PORT: " + PORT_B + "\n").toString()));
        assertEquals(ExitCode.OK, own.exitCode(), own.toString());
        assertTrue(portOutcome(own).startsWith("PASS") && portOutcome(own).contains("previous deployment"), portOutcome(own));
    }

    @Test
    @Order(4)
    void anInstallDeployedUnderTheOldNameKeepsIt() throws Exception {
        // What an older Berth left: containers of project "sepold" (the folder's last element), the project in the
        // live release's release.json, and no install record. Made here by recording "sepold" for the first deploy
        // and removing the record afterwards.
        TestTarget.runLocalOk("mkdir -p " + OLD + "/.berth && echo '{\"project\": \"sepold\"}' > " + OLD + "/.berth/install.json");
        CliRun first = deploy(OLD, PORT_OLD, "old style");
        assertEquals(ExitCode.OK, first.exitCode(), first.toString());
        Map<String, String> before = containers(OLD);
        assertEquals("sepold", projectOf(before.get("web")), "deployed under the recorded name");
        TestTarget.runLocalOk("rm " + OLD + "/.berth/install.json");

        CliRun again = deploy(OLD, PORT_OLD, "old style again");
        assertEquals(ExitCode.OK, again.exitCode(), again.toString());
        Map<String, String> after = containers(OLD);
        assertEquals(2, after.size(), after.toString());
        assertEquals("sepold", projectOf(after.get("web")), "the old name is kept");
        assertEquals(before.get("worker"), after.get("worker"), "the unchanged worker kept running: same project");
        assertTrue(TestTarget.runLocalOk("cat " + OLD + "/.berth/install.json").contains("\"sepold\""),
                "the name is recorded now");
        CliRun status = CliRun.run(cli.withTarget(OLD, "status"));
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        assertTrue(status.out().contains("Project sepold"), status.toString());
    }

    @Test
    @Order(5)
    void aProjectNameAnotherInstallUsesIsRefusedBeforeAnythingChanges() throws Exception {
        TestTarget.runLocalOk("mkdir -p " + CLASH + "/.berth && echo '{\"project\": \"sepold\"}' > " + CLASH + "/.berth/install.json");
        Map<String, String> old = containers(OLD);
        CliRun r = deploy(CLASH, PORT_CLASH, "clash");
        assertEquals(ExitCode.PREFLIGHT_FAILED, r.exitCode(), r.toString());
        assertTrue(r.err().contains("another install") && r.err().contains(OLD), r.toString());
        assertTrue(r.clean(), r.toString());
        assertEquals(0, TestTargetCli.releases(CLASH), "nothing was written");
        assertEquals(old, containers(OLD), "the other install's containers are untouched");
        assertTrue(containers(CLASH).isEmpty());
    }
}
