package dev.berth.status;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/** Reads a deployment's status in one round trip (cheap enough to refresh every few seconds). */
public final class StatusReader {
    private static final String SCRIPT = load();

    private final RemoteShell shell;
    private final Privilege privilege;
    private final Clock clock;

    public StatusReader(RemoteShell shell, Privilege privilege, Clock clock) {
        this.shell = shell;
        this.privilege = privilege;
        this.clock = clock;
    }

    /** The command that collects status: the script arrives on stdin, the values as arguments. */
    public static RemoteCommand command(String installDir, String project, boolean withStats, Privilege privilege) {
        return RemoteCommand.of("bash", "-s", "--", installDir, project, withStats ? "1" : "0").withPrivilege(privilege);
    }

    public DeploymentStatus read(String installDir, String project, boolean withStats) throws SshException {
        ExecResult r = shell.exec(command(installDir, project, withStats, privilege),
                SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(withStats ? 40 : 25));
        // The script's last line is "=== end": without it the script never ran (sudo refused, no bash), and an
        // empty answer must not pass for "nothing deployed".
        if (!r.stdout().contains("=== end")) {
            String why = r.stderr().isBlank() ? "exit " + r.exitCode() : r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
            throw new SshException(SshException.Kind.REMOTE_FAILED, Localized.of(
                    "无法在服务器上读取运行状态：" + why, "The status could not be read on the server: " + why));
        }
        return StatusParser.parse(project, r.stdout(), clock.instant());
    }

    private static String load() {
        try (InputStream in = StatusReader.class.getResourceAsStream("/dev/berth/status/status.sh")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
