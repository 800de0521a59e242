package dev.berth.deploy;

import dev.berth.target.ServerCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.testsupport.ScriptedShell;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whether the wizard reattaches on reopen: {@link Deployer#runningJob()} over scripted answers (the same questions
 * RunningJobTest asks the real server).
 */
class RunningJobUnitTest {
    private static final String ID = "20261202-195900-ab12";
    private final ReleaseLayout layout = new ReleaseLayout("/opt/berth-unit");
    private final ServerCommands commands = new ServerCommands(Privilege.NONE);
    private final ScriptedShell shell = new ScriptedShell();
    private final Deployer deployer = new Deployer(shell, Privilege.NONE, layout, Clock.systemUTC());

    private void lastJob(String id) {
        shell.answer(commands.readFile(layout.lastJobFile()), id + "\n");
    }

    private void status(String status) {
        shell.answer(commands.readFile(layout.releaseStateDir(ID) + "/status"), status + "\n");
    }

    private void process(String state) {
        shell.answer(commands.jobRunning(layout.releaseStateDir(ID)), state + "\n");
    }

    @Test
    void noJobEverRan() throws Exception {
        shell.answer(commands.readFile(layout.lastJobFile()), new ExecResult(0, "", ""));
        assertEquals(Optional.empty(), deployer.runningJob());
    }

    @Test
    void aJobStillRunningIsFound() throws Exception {
        lastJob(ID);
        status("running");
        process("running");
        assertEquals(Optional.of(ID), deployer.runningJob());
    }

    @Test
    void aFinishedJobIsNotRunningEvenWhileItsProcessLingers() throws Exception {
        lastJob(ID);
        status("succeeded");
        assertEquals(Optional.empty(), deployer.runningJob());
        assertEquals(2, shell.commands().size(), "the process is not asked about: " + shell.commands());
    }

    @Test
    void statusSaysRunningButTheProcessIsGone() throws Exception {
        lastJob(ID);
        status("running");
        process("stopped");
        assertEquals(Optional.empty(), deployer.runningJob());
    }
}
