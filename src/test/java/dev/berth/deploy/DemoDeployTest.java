package dev.berth.deploy;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Bundle;
import dev.berth.status.DeploymentStatus;
import dev.berth.status.ServiceStatus;
import dev.berth.status.StatusReader;
import dev.berth.testsupport.ProbedDeployer;
import dev.berth.testsupport.ProjectBundles;
import dev.berth.testsupport.TargetConnection;
import dev.berth.testsupport.TestTarget;
import dev.berth.transfer.ImageStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo bundle deployed for real: over SSH as a non-root sudo user, to a real Docker engine with real compose,
 * from image tarballs. The three deploys build on each other, as an operator's would.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDeployTest {
    private static final String INSTALL_DIR = "/opt/berth-test/demo";
    private static final int PORT = 18480;
    private static final String PROJECT = dev.berth.target.InstallProject.newName(INSTALL_DIR);
    /** Every character that has broken an upstream deploy script: quotes, $(...), backticks, &#/, and Chinese. */
    private static final String HOSTILE = "Hi 'there' \"you\" $(touch /tmp/berth-pwned) `id` & #/, 你好";
    private static final Bundle BUNDLE = ProjectBundles.load("demo");

    @RegisterExtension
    static final TargetConnection server = new TargetConnection();
    private static String firstRelease;
    private static String secondRelease;

    @BeforeAll
    @AfterAll
    static void cleanServer() {
        String docker = TestTarget.get().dockerCmd();
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
        TestTarget.runLocal(docker + " rmi berth-demo/web:1.0 berth-demo/worker:1.0; rm -rf /tmp/berth-pwned",
                Duration.ofMinutes(2));
    }

    private DeployOutcome deploy(Map<String, Object> answers, List<JournalEvent> seen, List<String> phases,
                                 PreparedRelease[] prepared) throws Exception {
        ProbedDeployer probed = ProbedDeployer.on(server.shell(), INSTALL_DIR);
        PreparedRelease release = probed.prepare(BUNDLE, probed.keepingSecrets(BUNDLE, answers),
                server.target().imagesDir(), "127.0.0.1");
        prepared[0] = release;
        return probed.deployer().deploy(release, new DeployListener() {
            @Override
            public void phase(dev.berth.text.Localized what) {
                phases.add(what.en());
            }

            @Override
            public void event(JournalEvent event) {
                seen.add(event);
            }
        });
    }

    private static Map<String, Object> answers(String greeting) {
        Map<String, Object> a = new HashMap<>();
        a.put("WEB_PORT", PORT);
        a.put("GREETING", greeting);
        return a;
    }

    private static String sha256Hex(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String containerOf(String service) {
        return TestTarget.runLocalOk(TestTarget.get().dockerCmd() + " ps -q --filter label=com.docker.compose.project=" + PROJECT
                + " --filter label=com.docker.compose.service=" + service).trim();
    }

    private DeploymentStatus status() throws Exception {
        return new StatusReader(server.shell(), dev.berth.ssh.Privilege.SUDO, Clock.systemUTC())
                .read(INSTALL_DIR, "", false);
    }

    @Test
    @Order(1)
    void firstDeployUploadsImagesAndServesTheRenderedValue() throws Exception {
        List<JournalEvent> events = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        PreparedRelease[] prepared = new PreparedRelease[1];
        DeployOutcome outcome = deploy(answers(HOSTILE), events, phases, prepared);

        assertTrue(outcome.succeeded(), () -> "deploy failed: " + outcome.events());
        firstRelease = outcome.releaseId();
        assertEquals(firstRelease, outcome.current());
        assertTrue(prepared[0].images().stream().allMatch(ImageStatus::needsUpload), "the images were not on the server");
        assertTrue(phases.contains("Uploading image web-1.0.tar"), phases.toString());
        // Every event reached the listener once and in order.
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).seq());
        }
        assertEquals(HOSTILE + "\n", DemoWeb.get(PORT, "/greeting.txt"), "the value arrived byte for byte");
        assertEquals("registered\n", DemoWeb.get(PORT, "/hooks/registered.txt"), "the hook ran after the web stage");
        assertFalse(TestTarget.runLocal("test -e /tmp/berth-pwned", Duration.ofSeconds(5)).exitCode() == 0,
                "nothing in the value was executed");

        DeploymentStatus status = status();
        assertEquals(firstRelease, status.currentRelease());
        assertEquals(List.of("web", "worker"), status.services().stream().map(ServiceStatus::service).toList());
        assertTrue(status.services().stream().allMatch(s -> "healthy".equals(s.health())), status.services().toString());
        assertTrue(status.healthy(), status.toString());
        assertEquals(HOSTILE + "\n", TestTarget.runLocalOk("cat /opt/berth-test/demo/data/worker/last-greeting.txt"),
                "the worker fetched the greeting from web over the compose network");
        // web runs as 1000:1000, not root, and still reads its secret: the digest it serves is the token's.
        assertEquals("1000:1000", TestTarget.runLocalOk(TestTarget.get().dockerCmd() + " exec " + containerOf("web")
                + " sh -c 'echo $(id -u):$(id -g)'").trim(), "web runs as a non-root user");
        String token = (String) prepared[0].answers().values().get("API_TOKEN");
        assertEquals(sha256Hex(token) + "\n", DemoWeb.get(PORT, "/token.sha256"), "web read the secret file as uid 1000");
        String stat = TestTarget.runLocalOk("stat -c '%u:%g %a' /opt/berth-test/demo/current/conf/web/token.sh").trim();
        assertEquals("1000:1000 600", stat, "the file holding the secret is the web user's and private");
        assertEquals(0, Integer.parseInt(stat.substring(stat.length() - 1)) & 4, "not world-readable");
    }

    @Test
    @Order(2)
    void secondDeployWithAChangedAnswerMakesANewReleaseWithoutResendingImages() throws Exception {
        String webBefore = containerOf("web");
        String workerBefore = containerOf("worker");
        List<JournalEvent> events = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        PreparedRelease[] prepared = new PreparedRelease[1];
        DeployOutcome outcome = deploy(answers("Second greeting"), events, phases, prepared);

        assertTrue(outcome.succeeded(), () -> "deploy failed: " + outcome.events());
        secondRelease = outcome.releaseId();
        assertNotEquals(firstRelease, secondRelease);
        assertTrue(prepared[0].images().stream().noneMatch(ImageStatus::needsUpload), "images already on the server");
        assertTrue(phases.stream().noneMatch(p -> p.startsWith("Uploading image")), phases.toString());
        assertTrue(prepared[0].plan().steps().stream().noneMatch(s -> s.id().equals("load-images")));
        assertEquals("Second greeting\n", DemoWeb.get(PORT, "/greeting.txt"));
        assertNotEquals(webBefore, containerOf("web"), "web's configuration changed: it was recreated");
        assertEquals(workerBefore, containerOf("worker"), "worker's configuration did not change: it kept running");
        assertEquals("releases/" + secondRelease,
                TestTarget.runLocalOk("readlink /opt/berth-test/demo/current").trim());
        assertTrue(TestTarget.runLocal("test -d /opt/berth-test/demo/releases/" + firstRelease, Duration.ofSeconds(5))
                .exitCode() == 0, "the first release is kept for rollback");
    }

    @Test
    @Order(3)
    void aDeployWhoseHealthNeverComesFailsWithLogsAndLeavesThePreviousReleaseServing() throws Exception {
        Map<String, Object> broken = answers("Broken greeting");
        broken.put("WEB_BREAK_HEALTH", true);
        List<JournalEvent> events = new ArrayList<>();
        PreparedRelease[] prepared = new PreparedRelease[1];
        DeployOutcome outcome = deploy(broken, events, new ArrayList<>(), prepared);

        assertFalse(outcome.succeeded());
        JournalEvent failed = outcome.failedStep().orElseThrow();
        assertEquals("stage-web", failed.step());
        assertEquals(1, failed.number("exit"));
        assertTrue(failed.text("message").contains("web"), failed.text("message"));
        assertEquals("web", outcome.end().orElseThrow().text("failedService"));
        JournalEvent health = outcome.eventsOf(JournalEvent.HEALTH_OUTPUT).get(0);
        assertTrue(health.text("output").contains("404"), "the healthcheck's own output: " + health.text("output"));
        assertFalse(outcome.eventsOf(JournalEvent.SERVICE_LOGS).isEmpty(), "the service's last log lines");

        assertEquals(secondRelease, outcome.current(), () -> "the previous release is live again: " + outcome.events().stream()
                .filter(e -> "rollback".equals(e.step())).toList());
        assertEquals("Second greeting\n", DemoWeb.get(PORT, "/greeting.txt"));
        DeploymentStatus status = status();
        assertEquals(secondRelease, status.currentRelease());
        assertEquals(outcome.releaseId(), status.lastJobRelease());

        // Reattaching after the job ended replays the same journal.
        Deployer again = new Deployer(server.shell(), dev.berth.ssh.Privilege.SUDO, new ReleaseLayout(INSTALL_DIR),
                Clock.systemUTC());
        assertEquals(outcome.releaseId(), again.lastJob().orElseThrow());
        DeployOutcome replay = again.follow(outcome.releaseId(), DeployListener.NONE);
        assertEquals(outcome.events(), replay.events());
    }

    @Test
    @Order(4)
    void aChangeOnlyInAMountedFileRecreatesThatServiceAndNoOther() throws Exception {
        // POLL_INTERVAL lands only in the worker's bind-mounted run.sh; compose's own view of the worker is unchanged.
        String webBefore = containerOf("web");
        String workerBefore = containerOf("worker");
        Map<String, Object> a = answers("Second greeting");
        a.put("POLL_INTERVAL", 7);
        DeployOutcome outcome = deploy(a, new ArrayList<>(), new ArrayList<>(), new PreparedRelease[1]);

        assertTrue(outcome.succeeded(), () -> "deploy failed: " + outcome.events());
        assertNotEquals(workerBefore, containerOf("worker"), "the worker's run.sh changed: it was recreated");
        assertEquals(webBefore, containerOf("web"), "nothing of web changed: it kept running");
        String seen = TestTarget.runLocalOk(TestTarget.get().dockerCmd() + " exec " + containerOf("worker")
                + " cat /etc/berth-demo/run.sh");
        assertTrue(seen.contains("INTERVAL='7'"), "the running worker sees the new file: " + seen);
    }
}
