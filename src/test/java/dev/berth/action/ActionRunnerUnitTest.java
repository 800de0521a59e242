package dev.berth.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.bundle.Action;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteCommand;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.Localized;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What {@link ActionRunner} makes of the command's answer: the saved file, the output, the end of the errors. */
class ActionRunnerUnitTest {
    private static final RemoteCommand COMMAND = RemoteCommand.of("backup");

    private static Action action(String output) {
        return new Action("backup", Localized.same("backup"), null, null, List.of("backup"), output, 60);
    }

    @Test
    void theSavedFileIsTheLastLineAndTheOutputIsNotShown() throws Exception {
        ScriptedShell shell = new ScriptedShell().answer(COMMAND,
                new ExecResult(0, "dumping...\n/opt/x/data/backups/db-20250102-120005.sql\n", ""));
        ActionOutcome done = ActionRunner.run(shell, action("backups/db.sql"), COMMAND);
        assertEquals(new ActionOutcome(0, "/opt/x/data/backups/db-20250102-120005.sql", "", ""), done);
        assertEquals(List.of(COMMAND), shell.commands());
    }

    @Test
    void aFailedRunNamesNoFileAndKeepsTheLastTwentyErrorLines() throws Exception {
        String err = IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        ScriptedShell shell = new ScriptedShell().answer(COMMAND, new ExecResult(3, "partial\n", err + "\n"));
        ActionOutcome failed = ActionRunner.run(shell, action("backups/db.sql"), COMMAND);
        assertEquals(3, failed.exitCode());
        assertNull(failed.outputFile());
        assertEquals(IntStream.rangeClosed(11, 30).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")),
                failed.stderr());
    }

    @Test
    void withoutAnOutputFileTheOutputIsShown() throws Exception {
        ScriptedShell shell = new ScriptedShell().answer(COMMAND, "total 0\n");
        assertEquals(new ActionOutcome(0, null, "total 0\n", ""), ActionRunner.run(shell, action(null), COMMAND));
    }
}
