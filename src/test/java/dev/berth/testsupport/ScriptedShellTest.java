package dev.berth.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.RemoteCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedShellTest {
    private static final RemoteCommand STATUS = RemoteCommand.of("cat", "status");
    private static final RemoteCommand TAIL = RemoteCommand.of("tail", "-f", "journal");
    private static final Duration T = Duration.ofSeconds(1);

    @Test
    void answersInOrderAndRepeatsTheLast() throws Exception {
        ScriptedShell shell = new ScriptedShell().answer(STATUS, "running").answer(STATUS, "done");
        assertEquals("running", shell.exec(STATUS, T).stdout());
        assertEquals("done", shell.exec(STATUS, T).stdout());
        assertEquals("done", shell.exec(STATUS, T).stdout());
        assertEquals(List.of(STATUS, STATUS, STATUS), shell.commands());
    }

    @Test
    void matchesARemoteCommandByItsShellLine() throws Exception {
        RemoteCommand cat = RemoteCommand.of("cat", "/opt/x y/journal");
        ScriptedShell shell = new ScriptedShell().answer(cat, new ExecResult(1, "", "No such file"));
        assertEquals(1, shell.exec(cat, T).exitCode());
    }

    @Test
    void streamsLinesAndStopsWhenTheConsumerSays() throws Exception {
        ScriptedShell shell = new ScriptedShell().answer(TAIL, "a\nb\nc\n");
        List<String> seen = new ArrayList<>();
        int exit = shell.streamLines(TAIL, line -> {
            seen.add(line);
            if (line.equals("b")) {
                throw new RemoteShell.StopStreaming();
            }
        }, T);
        assertEquals(-1, exit);
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void anUnscriptedCommandFailsTheTestNamingIt() {
        AssertionError e = assertThrows(AssertionError.class, () -> new ScriptedShell().exec(RemoteCommand.script("rm -rf /"), T));
        assertTrue(e.getMessage().contains("rm -rf /"), e.getMessage());
    }
}
