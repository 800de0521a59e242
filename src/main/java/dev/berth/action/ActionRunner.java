package dev.berth.action;

import dev.berth.bundle.Action;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.RemoteCommand;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Runs an action's command (from {@link ActionCommands}) over SSH within the action's timeout. */
public final class ActionRunner {
    private static final int STDERR_LINES = 20;

    private ActionRunner() {}

    public static ActionOutcome run(RemoteShell shell, Action action, RemoteCommand command) throws SshException {
        ExecResult r = shell.exec(command, Duration.ofSeconds(action.timeoutSeconds()));
        String out = r.stdout();
        String file = null;
        if (action.output() != null) {
            List<String> lines = Arrays.asList(out.strip().split("\n"));
            file = r.exitCode() == 0 && !lines.isEmpty() ? lines.get(lines.size() - 1).strip() : null;
            out = "";
        }
        List<String> err = Arrays.asList(r.stderr().strip().split("\n"));
        String tail = String.join("\n", err.subList(Math.max(0, err.size() - STDERR_LINES), err.size()));
        return new ActionOutcome(r.exitCode(), file, out, tail);
    }
}
