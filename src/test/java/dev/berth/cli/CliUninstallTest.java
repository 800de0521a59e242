package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * berth uninstall on the real target, logged in as the sudo user: the stack goes, the data stays (and a later deploy
 * to the folder uses it again) unless the operator types the deployment's id, and a wrong id changes nothing.
 */
@IntegrationTest
class CliUninstallTest {
    private static final String INSTALL_DIR = "/opt/berth-test/uninstall-demo";
    private static final String DEMO = TestTargetCli.bundle("demo");
    private static final String ANSWERS = "WEB_PORT: 18497\nGREETING: kept across an uninstall\n";

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    private static String project() throws Exception {
        CliRun status = CliRun.run(cli.withTarget(INSTALL_DIR, "status", "--json"));
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        return new ObjectMapper().readTree(status.out()).path("project").asText();
    }

    private static int containers(String project) {
        String ids = TestTarget.runLocalOk(TestTarget.get().dockerCmd() + " ps -aq --filter label=com.docker.compose.project="
                + project).strip();
        return ids.isEmpty() ? 0 : ids.split("\n").length;
    }

    @Test
    void theStackGoesTheDataStaysUnlessTheOperatorTypesTheDeploymentsId() throws Exception {
        CliRun deploy = cli.deploy(INSTALL_DIR, DEMO, ANSWERS);
        assertEquals(ExitCode.OK, deploy.exitCode(), deploy.toString());
        String project = project();
        assertEquals(2, containers(project));
        String greeting = INSTALL_DIR + "/data/worker/last-greeting.txt";
        assertEquals("kept across an uninstall\n", TestTarget.runLocalOk("cat " + greeting));

        CliRun wrong = CliRun.run(cli.withTarget(INSTALL_DIR, "uninstall", "--remove-data", "demo"));
        assertEquals(ExitCode.INVALID_INPUT, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("type this deployment's id \"" + project + "\" to confirm (you typed \"demo\");"
                + " nothing was changed."), wrong.toString());
        assertTrue(wrong.clean(), wrong.toString());
        assertEquals(2, containers(project), "nothing was changed");

        CliRun keep = CliRun.run(cli.withTarget(INSTALL_DIR, "uninstall"));
        assertEquals(ExitCode.OK, keep.exitCode(), keep.toString());
        assertTrue(keep.out().contains("Stopped and removed 2 containers and 1 network"), keep.toString());
        assertTrue(keep.out().contains("The data stays in " + INSTALL_DIR + "/data"), keep.toString());
        assertEquals(0, containers(project));
        assertFalse(TestTarget.runLocal(TestTarget.get().dockerCmd() + " network inspect " + project + "_default",
                Duration.ofSeconds(20)).exitCode() == 0, "its network is gone");
        assertEquals(".berth\ndata", TestTarget.runLocalOk("ls -A " + INSTALL_DIR).strip(), "releases and state gone");
        assertEquals("kept across an uninstall\n", TestTarget.runLocalOk("cat " + greeting), "the data is there");

        // Deployed again into the folder: the same deployment, on its data.
        CliRun again = cli.deploy(INSTALL_DIR, DEMO, ANSWERS);
        assertEquals(ExitCode.OK, again.exitCode(), again.toString());
        assertEquals(project, project(), "the same id, recorded on the first deploy and kept");

        CliRun all = CliRun.run(cli.withTarget(INSTALL_DIR, "uninstall", "--remove-data", project));
        assertEquals(ExitCode.OK, all.exitCode(), all.toString());
        assertTrue(all.out().contains("is gone, with its data"), all.toString());
        assertEquals(0, containers(project));
        assertFalse(TestTarget.runLocal("test -e " + INSTALL_DIR, Duration.ofSeconds(5)).exitCode() == 0);

        CliRun nothing = CliRun.run(cli.withTarget(INSTALL_DIR, "uninstall"));
        assertEquals(ExitCode.INVALID_INPUT, nothing.exitCode(), nothing.toString());
        assertTrue(nothing.err().contains("There is no Berth deployment in " + INSTALL_DIR), nothing.toString());
    }
}
