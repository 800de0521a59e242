package dev.berth.preflight;

import dev.berth.bundle.ServerChecks;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.HttpProbe;
import java.util.List;

/** Collects and judges a bundle's {@code checks:}: one exec on the target, then {@link ServerCheckAnalyzer}. */
public final class ServerCheckRunner {
    private ServerCheckRunner() {}

    public static List<CheckResult> run(RemoteShell shell, ServerChecks.Planned planned) throws SshException {
        HttpProbe.Result probe = HttpProbe.run(shell, ServerCheckAnalyzer.requests(planned));
        return ServerCheckAnalyzer.analyze(planned, probe);
    }
}
