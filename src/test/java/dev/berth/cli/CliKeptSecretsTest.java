package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A generated secret never changes under existing data: a first deploy that fails (no live release) keeps the token it
 * generated on the server, and a later deploy from another laptop (fresh Berth home, no profile, no API_TOKEN given)
 * uses it. Previous answers that cannot be read stop the deploy instead of silently generating new secrets.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliKeptSecretsTest {
    private static final String INSTALL_DIR = "/opt/berth-test/keptsecret/demo";
    private static final int PORT = 18521;
    private static final String DEMO = TestTargetCli.bundle("demo");
    private static String firstToken;

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.onTheTestTarget();

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder("/opt/berth-test/keptsecret");
    }

    /** A deploy from a laptop that has never seen this server: new Berth home, no profile. */
    private static CliRun deployFromAFreshLaptop(String yaml) throws Exception {
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        return cli.deploy(INSTALL_DIR, DEMO, yaml);
    }

    /** The token a release's web service was given, read from its rendered file on the server. */
    private static String tokenOf(String releaseDir) {
        String sh = TestTarget.runLocalOk("cat " + releaseDir + "/conf/web/token.sh");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9a-f]{32}").matcher(sh);
        assertTrue(m.find(), "the token is in " + releaseDir + "/conf/web/token.sh");
        return m.group();
    }

    @Test
    @Order(1)
    void aFailedFirstDeployKeepsItsGeneratedTokenForTheNextDeployFromAnotherLaptop() throws Exception {
        CliRun failed = deployFromAFreshLaptop("WEB_PORT: " + PORT + "\nWEB_BREAK_HEALTH: true\n");
        assertEquals(ExitCode.DEPLOY_FAILED, failed.exitCode(), failed.toString());
        String firstRelease = TestTarget.runLocalOk("ls " + INSTALL_DIR + "/releases").trim();
        assertFalse(TestTarget.runLocal("test -e " + INSTALL_DIR + "/current", Duration.ofSeconds(5)).exitCode() == 0,
                "the first deploy never went live");
        firstToken = tokenOf(INSTALL_DIR + "/releases/" + firstRelease);
        assertFalse(failed.out().contains(firstToken) || failed.err().contains(firstToken), "the secret is never printed");

        CliRun ok = deployFromAFreshLaptop("WEB_PORT: " + PORT + "\n");
        assertEquals(ExitCode.OK, ok.exitCode(), ok.toString());
        assertEquals(firstToken, tokenOf(INSTALL_DIR + "/current"), "the token generated the first time is kept");
        assertFalse(ok.out().contains(firstToken) || ok.err().contains(firstToken), "the secret is never printed");
    }

    @Test
    @Order(2)
    void theKeptSecretsArePrivate() {
        String store = TestTarget.runLocalOk("ls " + INSTALL_DIR + "/.berth/").trim();
        assertTrue(store.contains("secrets.yaml"), store);
        assertEquals("600", TestTarget.runLocalOk("stat -c %a " + INSTALL_DIR + "/.berth/secrets.yaml").trim());
    }

    @Test
    @Order(3)
    void previousAnswersThatCannotBeReadStopTheDeploy() throws Exception {
        int before = TestTargetCli.releases(INSTALL_DIR);
        TestTarget.runLocalOk("cp -p " + INSTALL_DIR + "/.berth/secrets.yaml /tmp/berth-kept-secrets.bak && "
                + "printf 'API_TOKEN: [unclosed\\n' > " + INSTALL_DIR + "/.berth/secrets.yaml");
        try {
            CliRun r = deployFromAFreshLaptop("WEB_PORT: " + PORT + "\nGREETING: changed\n");
            assertEquals(ExitCode.PREFLIGHT_FAILED, r.exitCode(), r.toString());
            assertTrue(r.err().contains("cannot read") && r.err().contains("secrets.yaml"), r.toString());
            assertTrue(r.clean(), r.toString());
            assertEquals(before, TestTargetCli.releases(INSTALL_DIR), "no release was written");
            assertEquals(firstToken, tokenOf(INSTALL_DIR + "/current"));
        } finally {
            TestTarget.runLocalOk("mv -f /tmp/berth-kept-secrets.bak " + INSTALL_DIR + "/.berth/secrets.yaml");
        }
    }

    @Test
    @Order(4)
    void aLiveReleasesAnswersThatCannotBeReadStopTheDeployToo() throws Exception {
        int before = TestTargetCli.releases(INSTALL_DIR);
        String answers = INSTALL_DIR + "/current/.berth/answers.yaml";
        TestTarget.runLocalOk("cp -p " + answers + " /tmp/berth-kept-answers.bak && printf '{{{\\n' > " + answers);
        try {
            CliRun r = deployFromAFreshLaptop("WEB_PORT: " + PORT + "\nGREETING: changed\n");
            assertEquals(ExitCode.PREFLIGHT_FAILED, r.exitCode(), r.toString());
            assertTrue(r.err().contains("cannot read") && r.err().contains("answers.yaml"), r.toString());
            assertEquals(before, TestTargetCli.releases(INSTALL_DIR), "no release was written");
        } finally {
            TestTarget.runLocalOk("mv -f /tmp/berth-kept-answers.bak " + answers);
        }
    }
}
