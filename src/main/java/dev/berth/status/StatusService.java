package dev.berth.status;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What runs now and what an operator may do to it, for {@code berth status} and the wizard's dashboard alike: the
 * status of every service in one round trip, one service's recent log, its log followed, and a restart of just that
 * service. Every call goes over one {@link RemoteShell} with one {@link Privilege}; a failure is an
 * {@link SshException} whose sentence the operator can read as it is.
 */
public final class StatusService {
    static final Duration LOGS_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);
    /** A followed log may stay quiet for hours; the operator stops it, not a timer. */
    static final Duration FOLLOW_IDLE = Duration.ofHours(12);

    private final RemoteShell shell;
    private final StatusReader reader;
    private final ServiceCommands commands;

    public StatusService(RemoteShell shell, Privilege privilege, Clock clock) {
        this.shell = shell;
        this.reader = new StatusReader(shell, privilege, clock);
        this.commands = new ServiceCommands(privilege);
    }

    /** For callers without the probe's facts (the CLI, a profile opened later): one {@code id -u} decides. */
    public static StatusService detect(RemoteShell shell, Clock clock) throws SshException {
        return new StatusService(shell, Privilege.detect(shell), clock);
    }

    /**
     * Every container of the deployment with its state, health and ports, the live release and its probes.
     *
     * @param project   the compose project, or empty to let the server read it from the install's record
     * @param withStats also CPU and memory (costs a second or two on the server)
     */
    public DeploymentStatus status(String installDir, String project, boolean withStats) throws SshException {
        return reader.read(installDir, project, withStats);
    }

    /** The sentence for an install directory where {@link DeploymentStatus#deployed()} is false. */
    public static Localized noDeploymentIn(String installDir) {
        return Localized.of(installDir + " 中没有 Berth 部署。", "There is no Berth deployment in " + installDir + ".");
    }

    /**
     * The last {@code lines} lines of one service's log, stdout and stderr in the order they were written (docker
     * hands them apart; their timestamps put them back together).
     */
    public String recentLogs(ServiceStatus service, int lines) throws SshException {
        ExecResult r = shell.exec(commands.logs(service.container(), lines), LOGS_TIMEOUT);
        if (!r.ok()) {
            String why = lastLine(r.stderr());
            throw new SshException(SshException.Kind.REMOTE_FAILED, Localized.of(
                    "读取 " + service.service() + " 的日志失败：" + why,
                    "Reading the log of " + service.service() + " failed: " + why));
        }
        return mergeByTimestamp(r.stdout(), r.stderr());
    }

    /**
     * Follows one service's log from its last {@code lines} lines, handing each line on as it arrives, until the
     * container stops or {@code stop} turns true (checked at each line).
     *
     * @return the exit code of {@code docker logs}, or -1 when stopped
     */
    public int followLogs(ServiceStatus service, int lines, Consumer<String> onLine, BooleanSupplier stop)
            throws SshException {
        return shell.streamLines(commands.follow(service.container(), lines), line -> {
            if (stop.getAsBoolean()) {
                throw new RemoteShell.StopStreaming();
            }
            onLine.accept(line);
        }, FOLLOW_IDLE);
    }

    /** Restarts this one service's container; the rest of the stack keeps running. */
    public void restart(ServiceStatus service) throws SshException {
        ExecResult r = shell.exec(commands.restart(service.container()), RESTART_TIMEOUT);
        if (!r.ok()) {
            String why = lastLine(r.stderr());
            throw new SshException(SshException.Kind.REMOTE_FAILED, Localized.of(
                    "重启 " + service.service() + " 失败：" + why, "Restarting " + service.service() + " failed: " + why));
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "?" : last;
    }

    /** Merges two timestamped logs (each already in order); a line without a timestamp stays after its neighbour. */
    static String mergeByTimestamp(String out, String err) {
        List<String> a = lines(out);
        List<String> b = lines(err);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int j = 0;
        Instant lastA = Instant.MIN;
        Instant lastB = Instant.MIN;
        while (i < a.size() || j < b.size()) {
            Instant ta = i < a.size() ? stamp(a.get(i), lastA) : null;
            Instant tb = j < b.size() ? stamp(b.get(j), lastB) : null;
            if (tb == null || (ta != null && !tb.isBefore(ta))) {
                sb.append(a.get(i++)).append('\n');
                lastA = ta;
            } else {
                sb.append(b.get(j++)).append('\n');
                lastB = tb;
            }
        }
        return sb.toString();
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    private static Instant stamp(String line, Instant previous) {
        int space = line.indexOf(' ');
        try {
            return Instant.parse(space < 0 ? line : line.substring(0, space));
        } catch (DateTimeParseException e) {
            return previous;
        }
    }
}
