package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A first install onto a data folder a half-finished earlier run left behind (the MySQL "data directory has files in
 * it" case): the check warns, berth check --fix moves the folder aside whole, and the next check is clean.
 */
@IntegrationTest
class CliLeftoverDataTest {
    private static final String INSTALL_DIR = "/opt/berth-test/leftover-demo";

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @BeforeAll
    @AfterAll
    static void clean() {
        dev.berth.testsupport.TestInstalls.removeUnder(INSTALL_DIR);
    }

    @Test
    void leftoverDataIsMovedAsideWholeAndTheNextCheckIsClean() throws Exception {
        TestTarget.runLocalOk("mkdir -p " + INSTALL_DIR + "/data/mysql && echo half > " + INSTALL_DIR
                + "/data/mysql/ibdata1");
        String answers = cli.answers("WEB_PORT: 18531\n").toString();
        CliRun before = CliRun.run(cli.withTarget(INSTALL_DIR, "check", "--bundle", TestTargetCli.bundle("demo"),
                "--answers", answers));
        assertEquals(ExitCode.OK, before.exitCode(), before.toString());
        assertTrue(before.out().contains("Berth can fix: Move " + INSTALL_DIR + "/data aside"), before.toString());

        CliRun fixed = CliRun.run(cli.withTarget(INSTALL_DIR, "check", "--bundle", TestTargetCli.bundle("demo"),
                "--answers", answers, "--fix"));
        assertEquals(ExitCode.OK, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.err().contains("Fixing: Move " + INSTALL_DIR + "/data aside"), fixed.toString());
        assertFalse(fixed.out().contains("already holds"), "checked again, clean: " + fixed);
        assertEquals("half", TestTarget.runLocalOk("cat " + INSTALL_DIR + "/data.leftover-*/mysql/ibdata1").strip(),
                "kept whole");
    }
}
