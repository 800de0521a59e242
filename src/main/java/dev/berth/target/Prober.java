package dev.berth.target;

import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs the probe on a target: one exec of {@code bash -s} with the script on stdin, so every fact comes back in
 * one round trip whatever the distribution.
 */
public final class Prober {

    /** Generous: docker calls inside are bounded at 20 s each, a healthy server answers in about a second. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final String SCRIPT = loadScript();

    private Prober() {}

    /** The probe script as sent to the target. */
    public static String script() {
        return SCRIPT;
    }

    /** The shell line that runs the script read from stdin with its arguments, every one quoted. */
    public static RemoteCommand command(String installDir, List<String> extraSysctlKeys) {
        List<String> argv = new java.util.ArrayList<>(List.of("bash", "-s", "--", installDir));
        argv.addAll(extraSysctlKeys);
        return RemoteCommand.of(argv);
    }

    public static ProbeResult probe(RemoteShell shell, String installDir) throws SshException {
        return probe(shell, installDir, List.of());
    }

    /**
     * @param extraSysctlKeys kernel settings to read besides the usual ones (a bundle's sysctl requirements)
     * @throws SshException when the probe could not run at all or printed nothing Berth can read
     */
    public static ProbeResult probe(RemoteShell shell, String installDir, List<String> extraSysctlKeys)
            throws SshException {
        long start = System.nanoTime();
        ExecResult r = shell.exec(command(installDir, extraSysctlKeys),
                SCRIPT.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (!r.stdout().contains("=== probe ===")) {
            String why = r.stderr().isBlank() ? "exit " + r.exitCode() : r.stderr().strip().lines().findFirst()
                    .orElse("");
            throw new SshException(SshException.Kind.REMOTE_FAILED, Localized.of(
                    "服务器检查脚本没有运行（需要 bash）：" + why,
                    "The server check script did not run (it needs bash): " + why));
        }
        return new ProbeResult(FactsParser.parse(r.stdout()), wall, r.exitCode(), r.stderr());
    }

    private static String loadScript() {
        try (InputStream in = Prober.class.getResourceAsStream("probe.sh")) {
            if (in == null) {
                throw new IllegalStateException("probe.sh is missing from the Berth build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
