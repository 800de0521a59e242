package dev.berth.status;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.DockerCommands;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What runs on a cluster, read on one of its managers for {@code berth cluster status} and the dashboard: every node
 * (state, availability, CPUs, memory), every service of a stack (replicas running and desired) and the task of each
 * of its slots (node, state, health, restarts), in one round trip whose cost does not grow with a docker call per
 * task; and one service's log across its tasks. Failures are {@link SshException}s the operator can read as they are.
 */
public final class SwarmStatus {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(25);
    private static final String SCRIPT = load();

    private SwarmStatus() {}

    /** The one command that reads the swarm: the script, with the stack's name (or "" for every stack) as $1. */
    public static RemoteCommand command(Privilege privilege, String project) {
        return RemoteCommand.script(SCRIPT, Objects.requireNonNullElse(project, "")).withPrivilege(privilege);
    }

    /**
     * @param manager a shell on a manager of the swarm
     * @param project the stack (the install's compose project), or null for every stack on the swarm
     */
    public static SwarmView read(RemoteShell manager, Privilege privilege, String project) throws SshException {
        ExecResult r = manager.exec(command(privilege, project), READ_TIMEOUT);
        // The script's last line is "=== end": without it the read did not finish (not a manager, sudo refused), and
        // a half answer must not pass for an empty swarm.
        if (!r.ok() || !r.stdout().contains("=== end")) {
            String why = lastLine(r.stderr(), "exit " + r.exitCode());
            throw new SshException(SshException.Kind.REMOTE_FAILED, Localized.of(
                    "无法在 manager 上读取集群的运行状态：" + why,
                    "What runs on the cluster could not be read on the manager: " + why));
        }
        return SwarmStatusParser.parse(r.stdout());
    }

    /**
     * {@code docker service logs --tail N --timestamps --no-trunc stack_service}: the last lines of every task of the
     * service, each prefixed by docker with its task and node.
     */
    public static RemoteCommand logsCommand(Privilege privilege, String project, String service, int lines) {
        return new DockerCommands(privilege).docker(List.of("service", "logs", "--tail", Integer.toString(lines),
                "--timestamps", "--no-trunc", project + "_" + service));
    }

    /** One service's recent log across its tasks, stdout and stderr put back in the order they were written. */
    public static String logs(RemoteShell manager, Privilege privilege, String project, String service, int lines)
            throws SshException {
        ExecResult r = manager.exec(logsCommand(privilege, project, service, lines), StatusService.LOGS_TIMEOUT);
        if (!r.ok()) {
            String why = lastLine(r.stderr(), "exit " + r.exitCode());
            throw new SshException(SshException.Kind.REMOTE_FAILED, Localized.of(
                    "读取 " + service + " 的日志失败：" + why, "Reading the log of " + service + " failed: " + why));
        }
        return byTimestamp(r.stdout(), r.stderr());
    }

    /**
     * Every line of both streams in the order of its timestamp. Docker hands each task's lines after another's, so
     * not even one stream is in order across tasks; a line without a timestamp stays after the line before it.
     */
    static String byTimestamp(String out, String err) {
        record Line(Instant at, int seq, String text) {}
        List<Line> lines = new ArrayList<>();
        for (String stream : List.of(out, err)) {
            Instant previous = Instant.MIN;
            for (String text : stream.split("\n", -1)) {
                if (text.isEmpty()) {
                    continue;
                }
                int space = text.indexOf(' ');
                try {
                    previous = Instant.parse(space < 0 ? text : text.substring(0, space));
                } catch (DateTimeParseException e) {
                    // Keeps the previous line's time.
                }
                lines.add(new Line(previous, lines.size(), text));
            }
        }
        lines.sort(Comparator.comparing(Line::at).thenComparingInt(Line::seq));
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.text()).append('\n'));
        return sb.toString();
    }

    private static String lastLine(String text, String otherwise) {
        String last = text.strip().lines().reduce((a, b) -> b).orElse("").strip();
        return last.isEmpty() ? otherwise : last;
    }

    private static String load() {
        try (InputStream in = SwarmStatus.class.getResourceAsStream("/dev/berth/status/swarm-status.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
