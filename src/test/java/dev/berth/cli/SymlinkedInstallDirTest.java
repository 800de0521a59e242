package dev.berth.cli;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.TestTarget;
import dev.berth.transfer.TransferException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An install dir that a symbolic link on the server leads elsewhere is refused before anything is written: the
 * folder the link points at stays empty and nothing appears beside the link either.
 */
@IntegrationTest
class SymlinkedInstallDirTest {
    private static final String BASE = "/opt/berth-test/symlinked";
    private static final String REAL = BASE + "/real";
    private static final String LINKED_PARENT = BASE + "/parent-link";
    private static final String LINKED_DIR = BASE + "/dir-link";
    private static TestTarget target;
    private static String demo;

    @BeforeAll
    static void setUp() {
        target = TestTarget.get();
        System.setProperty("berth.home", TestTarget.newBerthHome().toString());
        demo = Path.of(System.getProperty("berth.projectDir"), "bundles", "demo").toString();
    }

    @BeforeEach
    void links() {
        TestTarget.runLocalOk("rm -rf " + BASE + " && mkdir -p " + REAL + " && ln -s " + REAL + " " + LINKED_PARENT
                + " && ln -s " + REAL + " " + LINKED_DIR);
    }

    @AfterAll
    static void clean() {
        TestTarget.runLocal("rm -rf " + BASE, Duration.ofSeconds(30));
    }

    private static CliRun deploy(String installDir) {
        return CliRun.run("deploy", "--bundle", demo, "--target", target.user() + "@" + target.host() + ":" + target.port(),
                "--identity", target.ed25519Key().toString(), "--host-key", target.hostKeyFingerprint(),
                "--install-dir", installDir, "--images", target.imagesDir().toString(), "--answers", answers());
    }

    private static String answers() {
        return Path.of(demo, "example-answers.yaml").toString();
    }

    /** Every file and folder under BASE, links not followed: the three made by the test and nothing else. */
    private static String tree() {
        return TestTarget.runLocalOk("cd " + BASE + " && find . | sort");
    }

    @Test
    void aParentThatIsASymbolicLinkIsRefusedAndNothingIsWritten() {
        String before = tree();
        CliRun r = deploy(LINKED_PARENT + "/demo");
        assertEquals(ExitCode.PREFLIGHT_FAILED, r.exitCode(), r.toString());
        assertTrue(r.err().contains(LINKED_PARENT + " is a symbolic link to " + REAL), r.toString());
        assertTrue(r.err().contains(REAL + "/demo"), "names the real path to use: " + r);
        assertTrue(r.clean(), r.toString());
        assertEquals(before, tree());
        assertEquals("", TestTarget.runLocalOk("ls -A " + REAL));
    }

    @Test
    void anInstallDirThatIsItselfASymbolicLinkIsRefusedAndNothingIsWritten() {
        String before = tree();
        CliRun r = deploy(LINKED_DIR);
        assertEquals(ExitCode.PREFLIGHT_FAILED, r.exitCode(), r.toString());
        assertTrue(r.err().contains(LINKED_DIR + " is a symbolic link to " + REAL), r.toString());
        assertEquals(before, tree());
        assertEquals("", TestTarget.runLocalOk("ls -A " + REAL));
    }

    @Test
    void theEngineRefusesToPrepareSuchARelease() throws Exception {
        Bundle b = BundleLoader.load(Path.of(demo));
        ReleaseLayout layout = new ReleaseLayout(LINKED_PARENT + "/demo");
        try (RemoteShell shell = target.connect()) {
            Facts facts = Prober.probe(shell, layout.installDir()).facts();
            Deployer deployer = new Deployer(shell, facts.access().privilege(), layout, Clock.systemUTC());
            TransferException e = assertThrows(TransferException.class, () -> deployer.prepare(facts, b,
                    AnswersResolver.resolve(b, AnswersFile.read(Path.of(answers()))), target.imagesDir(), target.host()));
            assertTrue(e.sentence().en().contains("symbolic link to " + REAL), e.sentence().en());
            assertTrue(e.sentence().zh().contains("符号链接"), e.sentence().zh());
        }
        assertEquals("", TestTarget.runLocalOk("ls -A " + REAL));
    }
}
