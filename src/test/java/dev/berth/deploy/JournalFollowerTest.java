package dev.berth.deploy;

import dev.berth.target.ServerCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.Privilege;
import dev.berth.testsupport.ScriptedShell;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Following a deploy job's journal over scripted answers. The lines are in job-lib.sh's format
 * ({@code berth_event}: seq, ts, event, fields).
 */
class JournalFollowerTest {
    private static final String ID = "20261202-195900-ab12";
    private final ReleaseLayout layout = new ReleaseLayout("/opt/berth-unit");
    private final ServerCommands commands = new ServerCommands(Privilege.NONE);
    private final ScriptedShell shell = new ScriptedShell();
    private final JournalFollower follower = new JournalFollower(shell, commands, layout);
    private final List<String> seen = new ArrayList<>();

    private static String line(int seq, String event, String more) {
        return "{\"seq\":" + seq + ",\"ts\":\"2026-12-02T19:59:0" + (seq % 10) + "Z\",\"event\":\"" + event + "\"" + more + "}\n";
    }

    private static final String START = line(1, "job-start", "");
    private static final String STEP = line(2, "step-start", ",\"step\":\"load-images\"");
    private static final String BEAT = line(3, "heartbeat", "");
    private static final String STEP_END = line(4, "step-end", ",\"step\":\"load-images\",\"ms\":1200");
    private static final String END = line(5, "job-end", ",\"status\":\"succeeded\"");

    private void stream(String text) {
        shell.answer(commands.followJournal(layout.journal(ID), layout.releaseStateDir(ID)), text);
    }

    private void whole(String text) {
        shell.answer(commands.readJournal(layout.journal(ID)), text);
    }

    private void process(String state) {
        shell.answer(commands.jobRunning(layout.releaseStateDir(ID)), state + "\n");
    }

    private JournalFollower.Outcome follow(long after) throws Exception {
        return follower.follow(ID, after, e -> seen.add(e.seq() + " " + e.event()));
    }

    @Test
    void aStreamThatEndsEarlyWhileTheJobRunsIsFollowedAgain() throws Exception {
        stream(START + STEP);
        stream(START + STEP + BEAT + STEP_END + END);
        whole(START + STEP);
        process("running");
        JournalFollower.Outcome outcome = follow(0);
        assertTrue(outcome.succeeded());
        assertEquals(List.of("1 job-start", "2 step-start", "3 heartbeat", "4 step-end", "5 job-end"), seen);
    }

    @Test
    void theLastLinesMissedByTheStreamAreReadFromTheWholeJournal() throws Exception {
        stream(START + STEP);
        whole(START + STEP + STEP_END + END);
        JournalFollower.Outcome outcome = follow(0);
        assertTrue(outcome.succeeded());
        assertEquals(5, outcome.lastSeq());
    }

    @Test
    void aJobThatDiedWithoutAJobEndIsNotFinished() throws Exception {
        stream(START + STEP);
        whole(START + STEP);
        process("stopped");
        JournalFollower.Outcome outcome = follow(0);
        assertFalse(outcome.finished());
        assertFalse(outcome.succeeded());
        assertEquals(2, outcome.lastSeq());
    }

    @Test
    void heartbeatsKeepTheFollowerAttached() throws Exception {
        stream(START + STEP + BEAT + line(4, "heartbeat", "") + line(5, "heartbeat", "")
                + line(6, "job-end", ",\"status\":\"failed\""));
        JournalFollower.Outcome outcome = follow(0);
        assertTrue(outcome.finished());
        assertFalse(outcome.succeeded());
        assertEquals(1, shell.commands().size(), "one stream, no re-read: " + shell.commands());
    }

    @Test
    void aFollowAfterReattachSkipsLinesAlreadySeen() throws Exception {
        stream(START + STEP + BEAT + STEP_END + END);
        follow(3);
        assertEquals(List.of("4 step-end", "5 job-end"), seen);
    }
}
