package dev.berth.deploy;

import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows a release's journal on the server as the job writes it. Reattaching after the laptop slept or the network
 * dropped is the same call with the last sequence number seen: earlier lines are skipped, none is lost.
 */
public final class JournalFollower {
    /** Longer than any quiet stretch of a job: waits emit a heartbeat event every few seconds. */
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final RemoteShell shell;
    private final ServerCommands commands;
    private final ReleaseLayout layout;

    public JournalFollower(RemoteShell shell, ServerCommands commands, ReleaseLayout layout) {
        this.shell = shell;
        this.commands = commands;
        this.layout = layout;
    }

    /** What following saw: the last sequence number and, when the job finished, its last event. */
    public record Outcome(long lastSeq, Optional<JournalEvent> end) {
        public boolean finished() {
            return end.isPresent();
        }

        public boolean succeeded() {
            return end.map(e -> "succeeded".equals(e.status())).orElse(false);
        }
    }

    public Outcome follow(String releaseId, long afterSeq, Consumer<JournalEvent> onEvent) throws SshException {
        long[] last = {afterSeq};
        JournalEvent[] end = {null};
        String cmd = commands.followJournal(layout.journal(releaseId), layout.releaseStateDir(releaseId)).toShell();
        shell.streamLines(cmd, line -> JournalEvent.parse(line).ifPresent(e -> {
            if (e.seq() <= last[0]) {
                return;
            }
            last[0] = e.seq();
            onEvent.accept(e);
            if (e.isEnd()) {
                end[0] = e;
                throw new RemoteShell.StopStreaming();
            }
        }), IDLE);
        return new Outcome(last[0], Optional.ofNullable(end[0]));
    }
}
