package dev.berth.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.JournalEvent;
import dev.berth.deploy.PreparedRelease;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A demo deploy job that is certainly still running: started on another thread with the {@link DemoHookGate} of its
 * install dir closed, and returned once the job has reached its register hook, where it waits until the test opens
 * the gate.
 */
public final class HeldDeploy {
    private HeldDeploy() {}

    /** Starts RELEASE and waits (at most 5 minutes) for its hook; the future is the deploy's outcome. */
    public static CompletableFuture<DeployOutcome> startAtHook(Deployer deployer, PreparedRelease release,
                                                                String installDir) throws InterruptedException {
        DemoHookGate.close(installDir);
        CountDownLatch inHook = new CountDownLatch(1);
        CompletableFuture<DeployOutcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return deployer.deploy(release, new DeployListener() {
                    @Override
                    public void event(JournalEvent e) {
                        if (JournalEvent.STEP_START.equals(e.event()) && "hook-register".equals(e.step())) {
                            inHook.countDown();
                        }
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inHook.await(5, TimeUnit.MINUTES), "the job reached its hook");
        return outcome;
    }
}
