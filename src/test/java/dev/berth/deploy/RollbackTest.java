package dev.berth.deploy;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Bundle;
import dev.berth.testsupport.ProbedDeployer;
import dev.berth.testsupport.ProjectBundles;
import dev.berth.testsupport.TargetConnection;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * A rollback puts back what really ran, and says the truth about it. The demo stack deployed for real; then a
 * tarball with the same tag {@code berth-demo/web:1.0} but a different image whose healthcheck cannot pass (its
 * {@code wget} is gone): loading it moves the tag, so the previous release must get its own image back. Then a
 * previous release that cannot become healthy again: the rollback step must be reported failed.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackTest {
    private static final String INSTALL_DIR = "/opt/berth-test/rollback";
    private static final ReleaseLayout LAYOUT = new ReleaseLayout(INSTALL_DIR);
    private static final int PORT = 18510;
    private static final String BUILD_CONTAINER = "berth-rollbacktest-build";
    private static final Bundle BUNDLE = ProjectBundles.load("demo");

    @RegisterExtension
    static final TargetConnection server = new TargetConnection();
    private static String firstRelease;
    private static String brokenImageId = "";

    @BeforeAll
    @AfterAll
    static void cleanServer() {
        String docker = TestTarget.get().dockerCmd();
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
        TestTarget.runLocal(docker + " rm -f " + BUILD_CONTAINER + "; "
                + docker + " rmi berth-demo/web:1.0 berth-demo/worker:1.0 berth-rollbacktest/web:broken " + brokenImageId
                + "; rm -rf " + INSTALL_DIR, Duration.ofMinutes(2));
    }

    private DeployOutcome deploy(String greeting, Path images) throws Exception {
        ProbedDeployer probed = ProbedDeployer.on(server.shell(), INSTALL_DIR);
        Map<String, Object> a = new HashMap<>();
        a.put("WEB_PORT", PORT);
        a.put("GREETING", greeting);
        return probed.deployer().deploy(probed.prepare(BUNDLE, probed.keepingSecrets(BUNDLE, a), images, "127.0.0.1"),
                DeployListener.NONE);
    }

    private static String web() {
        return TestTarget.runLocalOk(server.target().dockerCmd() + " ps -q --filter label=com.docker.compose.project="
                + LAYOUT.newProjectName() + " --filter label=com.docker.compose.service=web").strip();
    }

    private static String inspect(String format, String container) {
        return TestTarget.runLocalOk(server.target().dockerCmd() + " inspect -f '" + format + "' " + container).strip();
    }

    /** A folder with the demo's tarballs, web-1.0.tar replaced by the same tag on a different, broken image. */
    private static Path brokenImages() throws Exception {
        String d = server.target().dockerCmd();
        String original = TestTarget.runLocalOk(d + " image inspect -f '{{.Id}}' berth-demo/web:1.0").strip();
        Path dir = TestTarget.tempDir("berth-broken-images");
        TestTarget.runLocalOk(d + " create --name " + BUILD_CONTAINER + " --network none berth-demo/web:1.0 "
                + "sh -c 'rm /usr/bin/wget && echo broken > /etc/berth-variant'");
        TestTarget.runLocalOk(d + " start -a " + BUILD_CONTAINER + " && " + d + " commit " + BUILD_CONTAINER
                + " berth-rollbacktest/web:broken && " + d + " rm " + BUILD_CONTAINER);
        brokenImageId = TestTarget.runLocalOk(d + " image inspect -f '{{.Id}}' berth-rollbacktest/web:broken").strip();
        // Saved under the real tag, then the engine is put back as it was: the deploy has to load it for real.
        TestTarget.runLocalOk(d + " tag berth-rollbacktest/web:broken berth-demo/web:1.0 && " + d + " save -o " + dir.resolve("web-1.0.tar")
                + " berth-demo/web:1.0 && " + d + " tag " + original + " berth-demo/web:1.0 && " + d + " rmi berth-rollbacktest/web:broken");
        Files.copy(server.target().imagesDir().resolve("worker-1.0.tar"), dir.resolve("worker-1.0.tar"));
        return dir;
    }

    @Test
    @Order(1)
    void aFailedDeployOfAChangedImageUnderTheSameTagGetsThePreviousImageBack() throws Exception {
        DeployOutcome first = deploy("First greeting", server.target().imagesDir());
        assertTrue(first.succeeded(), () -> "deploy failed: " + first.events());
        firstRelease = first.releaseId();
        String originalImage = inspect("{{.Image}}", web());

        DeployOutcome broken = deploy("Greeting of the broken image", brokenImages());

        assertFalse(broken.succeeded());
        assertEquals("stage-web", broken.failedStep().orElseThrow().step(), () -> broken.events().toString());
        assertNotEquals(originalImage, brokenImageId, "the new tarball really holds another image");
        assertTrue(broken.events().stream().anyMatch(e -> JournalEvent.STEP_END.equals(e.event()) && "rollback".equals(e.step())),
                () -> "the journal says the rollback succeeded: " + broken.events());
        assertEquals(firstRelease, broken.current());
        String container = web();
        assertEquals(originalImage, inspect("{{.Image}}", container), "web runs the previous release's image again");
        assertEquals("healthy", inspect("{{.State.Health.Status}}", container));
        assertEquals("First greeting\n", DemoWeb.get(PORT, "/greeting.txt"),
                "the previous release serves its own content");
        assertEquals(originalImage, TestTarget.runLocalOk(server.target().dockerCmd()
                + " image inspect -f '{{.Id}}' berth-demo/web:1.0").strip(),
                "the tag points at the previous release's image again");

        // The failed release's journal holds the service's logs and healthcheck output: readable by root only.
        String state = LAYOUT.releaseStateDir(broken.releaseId());
        assertEquals("600", TestTarget.runLocalOk("stat -c %a " + state + "/journal.jsonl").strip());
        String open = TestTarget.runLocalOk("find '" + state + "' -type f ! -name job-lib.sh ! -name plan.sh "
                + "! -name probes.tsv ! -name release.json -perm /077");
        assertEquals("", open.strip(), "files in the release's .berth others can read");
    }

    @Test
    @Order(2)
    void aPreviousReleaseThatCannotBecomeHealthyAgainIsReportedAsAFailedRollback() throws Exception {
        // The web healthcheck reads the health file from the data folder: without it, the live release turns
        // unhealthy and stays so through any redeploy that keeps its container.
        TestTarget.runLocalOk("rm -f " + INSTALL_DIR + "/data/web/health");
        Instant until = Instant.now().plusSeconds(60);
        while (!"unhealthy".equals(inspect("{{.State.Health.Status}}", web()))) {
            assertTrue(Instant.now().isBefore(until), "web became unhealthy");
            Thread.onSpinWait();
        }

        DeployOutcome outcome = deploy("First greeting", server.target().imagesDir());

        assertFalse(outcome.succeeded());
        JournalEvent rollback = outcome.eventsOf(JournalEvent.STEP_FAILED).stream()
                .filter(e -> "rollback".equals(e.step())).findFirst()
                .orElseThrow(() -> new AssertionError("the rollback step failed: " + outcome.events()));
        assertTrue(rollback.text("message").contains("web"), rollback.text("message"));
        assertTrue(outcome.events().stream().noneMatch(e -> JournalEvent.STEP_END.equals(e.event()) && "rollback".equals(e.step())),
                "no claim that the previous release is back");
        assertEquals("", outcome.current(), "nothing healthy is serving");
        assertEquals("failed", outcome.end().orElseThrow().status());
    }
}
