package dev.berth.preflight;

import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ParamType;
import dev.berth.bundle.Parameter;
import dev.berth.bundle.RenderException;
import dev.berth.bundle.Requirements;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.bundle.ServerChecks;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.ProbeResult;
import dev.berth.target.Prober;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything Berth checks before a deploy, as the CLI and the wizard both run it: the probe (one round trip), the
 * bundle's requirements judged against the facts, then the bundle's answer-dependent {@code checks:} made from the
 * server (a second round trip, only when there are any).
 */
public final class ServerPreflight {
    private ServerPreflight() {}

    /** The report and the probe it came from (raw output and wall time kept for the operator and bug reports). */
    public record Result(PreflightReport report, ProbeResult probe) {}

    /**
     * @param answers the operator's answers, or null before they are complete: then the bundle's default ports are
     *                checked and the answer-dependent checks wait
     * @param host    the server's address as the operator typed it ({@code berth.host} in check URLs)
     */
    public static Result run(RemoteShell shell, Bundle bundle, ResolvedAnswers answers, String installDir,
                             String project, String host) throws SshException, RenderException {
        Requirements req = answers != null ? bundle.requirementsFor(answers) : bundle.requirements();
        Map<String, Integer> ports = answers != null ? bundle.portsFor(answers) : defaultPorts(bundle);
        ProbeResult probe = Prober.probe(shell, installDir, new ArrayList<>(req.sysctl().keySet()));
        PreflightReport report = Preflight.run(req, probe.facts(), ports, PreflightContext.of(project));
        if (answers != null && !bundle.checks().isEmpty()) {
            ServerChecks.Planned planned = ServerChecks.plan(bundle, answers,
                    Builtins.of(installDir, "preflight", project, host));
            if (!planned.isEmpty()) {
                report = report.plus(ServerCheckRunner.run(shell, planned));
            }
        }
        return new Result(report, probe);
    }

    static Map<String, Integer> defaultPorts(Bundle bundle) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : bundle.requirements().portParams()) {
            Parameter p = bundle.parameter(name);
            if (p != null && p.type() == ParamType.PORT && p.defaultValue() instanceof Number n) {
                ports.put(name, n.intValue());
            }
        }
        return ports;
    }
}
