package dev.berth.deploy;

import dev.berth.ssh.RemoteCommand;
import dev.berth.target.ServerCommands;
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
    /**
     * Silence longer than this means the link dropped: the job writes a heartbeat whenever its journal has been
     * quiet for 10 s, during any step (a 20 GB docker load, a compose up creating many containers, a slow hook).
     */
    static final Duration IDLE = Duration.ofSeconds(60);
    /** How often a stream that ended early is picked up again while the job still runs. */
    private static final int FOLLOW_ATTEMPTS = 5;

    private final RemoteShell shell;
    private final ServerCommands commands;
    private final ReleaseLayout layout;
    private final Duration idle;

    public JournalFollower(RemoteShell shell, ServerCommands commands, ReleaseLayout layout) {
        this(shell, commands, layout, IDLE);
    }

    /** @param idle how long the journal may stay silent before the link is taken for dropped */
    JournalFollower(RemoteShell shell, ServerCommands commands, ReleaseLayout layout, Duration idle) {
        this.shell = shell;
        this.commands = commands;
        this.layout = layout;
        this.idle = idle;
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
        return follow(layout.journal(releaseId), layout.releaseStateDir(releaseId), afterSeq, onEvent);
    }

    /** Follows any job's journal: a deploy's in its release, a backup job's in its folder under .berth/jobs. */
    public Outcome follow(String journal, String stateDir, long afterSeq, Consumer<JournalEvent> onEvent)
            throws SshException {
        long[] last = {afterSeq};
        JournalEvent[] end = {null};
        Consumer<String> onLine = line -> JournalEvent.parse(line).ifPresent(e -> {
            if (e.seq() <= last[0] || end[0] != null) {
                return;
            }
            last[0] = e.seq();
            onEvent.accept(e);
            if (e.isEnd()) {
                end[0] = e;
                throw new RemoteShell.StopStreaming();
            }
        });
        RemoteCommand follow = commands.followJournal(journal, stateDir);
        for (int attempt = 0; attempt < FOLLOW_ATTEMPTS && end[0] == null; attempt++) {
            shell.streamLines(follow, onLine, idle);
            if (end[0] != null) {
                break;
            }
            // The stream can end just before the job's last lines reach it (tail stops when the job's process is
            // gone): read the journal once more, and follow again only while the job is still running.
            readWhole(journal, onLine);
            if (end[0] != null || !jobRunning(stateDir)) {
                break;
            }
        }
        return new Outcome(last[0], Optional.ofNullable(end[0]));
    }

    private void readWhole(String journal, Consumer<String> onLine) throws SshException {
        String text = shell.exec(commands.readJournal(journal), Duration.ofSeconds(60)).stdout();
        try {
            text.lines().forEach(onLine);
        } catch (RemoteShell.StopStreaming done) {
            // the end event was among them
        }
    }

    private boolean jobRunning(String stateDir) throws SshException {
        return shell.exec(commands.jobRunning(stateDir), Duration.ofSeconds(20))
                .stdout().strip().equals("running");
    }
}
