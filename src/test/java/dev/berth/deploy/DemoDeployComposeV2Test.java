package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.ssh.Credentials;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.TargetSpec;
import dev.berth.status.DeploymentStatus;
import dev.berth.status.StatusReader;
import dev.berth.target.ComposeInstall;
import dev.berth.target.ComposeVariant;
import dev.berth.target.Facts;
import dev.berth.target.Privilege;
import dev.berth.target.Prober;
import dev.berth.testsupport.TestTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo deployed for real through Compose v2 (2.26, the {@code docker compose} plugin): the test env's second
 * sshd gives its sessions a Docker config whose cli-plugins hold v2, so the probe finds v2 and the job runs it.
 * The greeting carries what compose-go reads differently from python-dotenv: {@code $name}, {@code ${...}},
 * quotes and a trailing backslash.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDeployComposeV2Test {
    private static final String INSTALL_DIR = "/opt/berth-test/demo-v2";
    private static final String PROJECT = new ReleaseLayout(INSTALL_DIR).project();
    private static final int PORT = 18481;
    private static final String HOSTILE = "Hi 'there' \"you\" $(touch /tmp/berth-pwned-v2) `id` $HOME ${HOME} $${}{ & #/,"
            + " 你好 \\";

    private static TestTarget target;
    private static RemoteShell shell;
    private static Bundle bundle;
    private static String firstRelease;

    @BeforeAll
    static void setUp() throws Exception {
        target = TestTarget.get();
        cleanServer();
        TargetSpec spec = new TargetSpec("root", target.host(), Integer.parseInt(target.property("ssh.v2.port")),
                target.ed25519Key(), target.hostKeyFingerprint(), null, null);
        shell = TestTarget.isolatedConnector().connect(spec, Credentials.none(),
                HostKeyStore.inHome(TestTarget.newBerthHome()), HostKeyDecision.REFUSE, Duration.ofSeconds(20));
        bundle = BundleLoader.load(Path.of(System.getProperty("berth.projectDir"), "bundles", "demo"));
    }

    @AfterAll
    static void tearDown() {
        if (shell != null) {
            shell.close();
        }
        cleanServer();
    }

    private static void cleanServer() {
        String docker = TestTarget.get().dockerCmd();
        TestTarget.runLocal("ids=$(" + docker + " ps -aq --filter label=com.docker.compose.project=" + PROJECT + "); "
                + "[ -z \"$ids\" ] || " + docker + " rm -f $ids; " + docker + " network rm " + PROJECT + "_default; "
                + docker + " rmi berth-demo/web:1.0 berth-demo/worker:1.0; rm -rf " + INSTALL_DIR + " /tmp/berth-pwned-v2",
                Duration.ofMinutes(2));
    }

    private DeployOutcome deploy(String greeting) throws Exception {
        Facts facts = Prober.probe(shell, INSTALL_DIR).facts();
        ComposeInstall compose = facts.compose().orElseThrow();
        assertEquals(ComposeVariant.V2_PLUGIN, compose.variant(), "the probe found Compose v2 as the plugin");
        assertEquals(target.property("compose.v2.version"), compose.version());
        Deployer deployer = new Deployer(shell, facts.privilege(), new ReleaseLayout(INSTALL_DIR), Clock.systemUTC());
        Map<String, Object> answers = new HashMap<>();
        answers.put("WEB_PORT", PORT);
        answers.put("GREETING", greeting);
        PreparedRelease release = deployer.prepare(facts, bundle, AnswersResolver.resolve(bundle,
                PreviousAnswers.keepGeneratedSecrets(bundle, answers, deployer.previousAnswers())),
                target.imagesDir(), "127.0.0.1");
        assertEquals(java.util.List.of("docker", "compose"), release.plan().compose());
        return deployer.deploy(release, DeployListener.NONE);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    @Test
    @Order(1)
    void firstDeployThroughComposeV2ServesTheValueByteForByte() throws Exception {
        DeployOutcome outcome = deploy(HOSTILE);
        assertTrue(outcome.succeeded(), () -> "deploy failed: " + outcome.events());
        firstRelease = outcome.releaseId();
        assertEquals(HOSTILE + "\n", get("/greeting.txt"), "the value arrived byte for byte");
        assertFalse(TestTarget.runLocal("test -e /tmp/berth-pwned-v2", Duration.ofSeconds(5)).exitCode() == 0,
                "nothing in the value was executed");
        assertEquals(HOSTILE + "\n", TestTarget.runLocalOk("cat " + INSTALL_DIR + "/data/worker/last-greeting.txt"),
                "the worker fetched the greeting from web over the compose network");
        DeploymentStatus status = new StatusReader(shell, Privilege.NONE, Clock.systemUTC()).read(INSTALL_DIR, PROJECT,
                false);
        assertEquals(firstRelease, status.currentRelease());
        assertTrue(status.healthy(), status.toString());
    }

    @Test
    @Order(2)
    void aSecondDeployWithAChangedAnswerReplacesTheRelease() throws Exception {
        DeployOutcome outcome = deploy("Second $greeting\\");
        assertTrue(outcome.succeeded(), () -> "deploy failed: " + outcome.events());
        assertNotEquals(firstRelease, outcome.releaseId());
        assertEquals("Second $greeting\\\n", get("/greeting.txt"));
        assertEquals("releases/" + outcome.releaseId(), TestTarget.runLocalOk("readlink " + INSTALL_DIR + "/current").trim());
    }
}
