package dev.berth.deploy;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.DemoHookGate;
import dev.berth.testsupport.HeldDeploy;
import dev.berth.testsupport.ProjectBundles;
import dev.berth.testsupport.TestTarget;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Deployer#runningJob()} against the real test target: nothing before any job, the release id while a job
 * runs (seen from a second connection, as a reopened Berth would), nothing once it ended.
 */
@IntegrationTest
class RunningJobTest {
    static final String INSTALL_DIR = "/opt/berth-test/uireattach";
    static final int PORT = 18503;

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    @Test
    void aRunningJobIsFoundFromAnotherConnectionUntilItEnds() throws Exception {
        TestTarget t = TestTarget.get();
        Bundle bundle = ProjectBundles.load("demo");
        ReleaseLayout layout = new ReleaseLayout(INSTALL_DIR);
        try (RemoteShell deploying = t.connect(); RemoteShell watching = t.connect()) {
            Facts facts = Prober.probe(deploying, INSTALL_DIR).facts();
            Deployer watcher = new Deployer(watching, facts.access().privilege(), layout, Clock.systemUTC());
            assertEquals(Optional.empty(), watcher.runningJob(), "no job has run in a fresh install dir");

            Deployer deployer = new Deployer(deploying, facts.access().privilege(), layout, Clock.systemUTC());
            PreparedRelease release = deployer.prepare(facts, bundle, AnswersResolver.resolve(bundle,
                    Map.of("WEB_PORT", PORT)), t.imagesDir(), "127.0.0.1");
            CompletableFuture<DeployOutcome> outcome = HeldDeploy.startAtHook(deployer, release, INSTALL_DIR);
            assertEquals(Optional.of(release.releaseId()), watcher.runningJob(), "the running job is found");
            assertEquals("registered\n", DemoHookGate.open(INSTALL_DIR));

            DeployOutcome ended = outcome.get(5, TimeUnit.MINUTES);
            assertTrue(ended.succeeded(), () -> "deploy failed: " + ended.events());
            assertEquals(Optional.empty(), watcher.runningJob(), "an ended job is not running");
            assertEquals(Optional.of(release.releaseId()), watcher.lastJob(), "though it is still the last job");
        }
    }
}
