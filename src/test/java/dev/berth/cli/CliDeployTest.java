package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI as an operator's script would drive it, against the real test target. */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliDeployTest {
    private static final String INSTALL_DIR = "/opt/berth-test/clidemo";
    private static final int PORT = 18481;
    private static final String DEMO = TestTargetCli.bundle("demo");

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    private static String[] withTarget(String... args) {
        return cli.withTarget(INSTALL_DIR, args);
    }

    @Test
    @Order(1)
    void checkPassesAndSpeaksJson() throws Exception {
        CliRun r = CliRun.run(withTarget("check", "--bundle", DEMO, "--json", "--answers", cli.answers("WEB_PORT: " + PORT + "\n").toString()));
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.toString().contains("port:WEB_PORT"), r.out());
        assertTrue(r.err().contains("Probed in"), "the probe's wall time is shown: " + r.err());
    }

    @Test
    @Order(2)
    void deployThenStatusThenFollow() throws Exception {
        CliRun deploy = cli.deploy(INSTALL_DIR, DEMO, "WEB_PORT: " + PORT + "\nGREETING: from the CLI\n");
        assertEquals(ExitCode.OK, deploy.exitCode(), deploy.toString());
        assertTrue(deploy.err().contains("✓ Start: Web service"), deploy.toString());
        assertTrue(deploy.out().contains("http://127.0.0.1:" + PORT + "/"), "the endpoint is shown: " + deploy);
        assertTrue(deploy.clean(), deploy.toString());

        CliRun status = CliRun.run(withTarget("status"));
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        assertTrue(status.out().contains("All healthy."), status.toString());
        assertTrue(status.out().contains(PORT + "->8080/tcp"), status.toString());

        CliRun follow = CliRun.run(withTarget("follow"));
        assertEquals(ExitCode.OK, follow.exitCode(), follow.toString());
        assertTrue(follow.err().contains("switch-current"), "the journal is replayed: " + follow);
    }

    @Test
    @Order(3)
    void actionsAreListedAndRunOnTheLiveRelease() throws Exception {
        CliRun list = CliRun.run(new String[] {"action", "--bundle", DEMO});
        assertEquals(ExitCode.OK, list.exitCode(), list.toString());
        assertTrue(list.out().contains("backup-site"), list.toString());

        CliRun run = CliRun.run(withTarget("action", "backup-site", "--bundle", DEMO));
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        String saved = run.out().strip();
        assertTrue(saved.matches(INSTALL_DIR + "/data/backups/site-\\d{8}-\\d{6}\\.tar"), saved);
        // The backup holds the live site, and only its owner can read it (backups carry secrets).
        assertTrue(TestTarget.runLocalOk("tar -tf " + saved).contains("greeting.txt"), saved);
        assertEquals("600", TestTarget.runLocalOk("stat -c %a " + saved).strip());

        CliRun unknown = CliRun.run(withTarget("action", "no-such-action", "--bundle", DEMO));
        assertEquals(ExitCode.INVALID_INPUT, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("backup-site"), "the known actions are named: " + unknown);
    }

    @Test
    @Order(4)
    void aPortConflictStopsBeforeAnythingChanges() throws Exception {
        int before = TestTargetCli.releases(INSTALL_DIR);
        CliRun r = cli.deploy(INSTALL_DIR, DEMO, "WEB_PORT: " + cli.target().port() + "\n"); // held by the test sshd
        assertEquals(ExitCode.PREFLIGHT_FAILED, r.exitCode(), r.toString());
        assertTrue(r.err().contains("sshd"), "names the process holding the port: " + r);
        assertEquals(before, TestTargetCli.releases(INSTALL_DIR), "no release was written");
    }

    @Test
    @Order(5)
    void aFailedDeployExitsWithItsOwnCodeAndTheOldReleaseServes() throws Exception {
        CliRun r = cli.deploy(INSTALL_DIR, DEMO,
                "WEB_PORT: " + PORT + "\nGREETING: broken\nWEB_BREAK_HEALTH: true\n");
        assertEquals(ExitCode.DEPLOY_FAILED, r.exitCode(), r.toString());
        assertTrue(r.err().contains("stage-web"), r.toString());
        assertTrue(r.err().contains("is still running"), r.toString());
        assertTrue(r.clean(), r.toString());
        CliRun status = CliRun.run(withTarget("status"));
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        assertEquals("from the CLI\n", TestTarget.runLocalOk("curl -s http://127.0.0.1:" + PORT + "/greeting.txt"));
    }

    @Test
    @Order(6)
    void checkRunsTheBundlesOwnChecksFromTheServer() throws Exception {
        // CoStrict's example answers with every model endpoint moved to a closed port on the server: the model
        // checks are made from the server and fail; the 2-core test machine fails CoStrict's core minimum.
        Path costrict = Path.of(System.getProperty("berth.projectDir"), "bundles", "costrict");
        String yaml = Files.readString(costrict.resolve("example-answers.yaml"))
                .replace("192.0.2.20:", "127.0.0.1:9").replace("CHAT_MODEL_HOST: 192.0.2.20", "CHAT_MODEL_HOST: 127.0.0.1")
                .replace("CHAT_MODEL_PORT: 2334", "CHAT_MODEL_PORT: 9");
        CliRun r = CliRun.run(withTarget("check", "--bundle", costrict.toString(), "--json", "--answers",
                cli.answers(yaml).toString()));
        assertEquals(ExitCode.PREFLIGHT_FAILED, r.exitCode(), r.toString());
        JsonNode results = new ObjectMapper().readTree(r.out()).get("results");
        java.util.Map<String, String> outcomes = new java.util.HashMap<>();
        results.forEach(n -> outcomes.put(n.get("id").asText(), n.get("outcome").asText()));
        assertEquals("FAIL", outcomes.get("cores"), r.out());
        assertEquals("FAIL", outcomes.get("check:chat-model"), r.out());
        assertEquals("FAIL", outcomes.get("check:completion-model"), r.out());
        assertEquals("PASS", outcomes.get("check:chat-context"), r.out());
    }
}
