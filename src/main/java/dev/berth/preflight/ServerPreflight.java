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
import dev.berth.target.InstallProject;
import dev.berth.target.ProbeResult;
import dev.berth.text.Localized;
import dev.berth.target.Prober;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Everything Berth checks before a deploy, as the CLI and the wizard both run it: the probe (one round trip), the
 * bundle's requirements judged against the facts, then the bundle's answer-dependent {@code checks:} made from the
 * server (a second round trip, only when there are any).
 */
public final class ServerPreflight {
    private ServerPreflight() {}

    /**
     * The report, the probe it came from (raw output and wall time kept for the operator and bug reports) and the
     * install's compose project as the probe showed it.
     */
    public record Result(PreflightReport report, ProbeResult probe, InstallProject project) {}

    /**
     * @param answers the operator's answers, or null before they are complete: then the bundle's default ports are
     *                checked and the answer-dependent checks wait
     * @param host    the server's address as the operator typed it ({@code berth.host} in check URLs)
     */
    public static Result run(RemoteShell shell, Bundle bundle, ResolvedAnswers answers, String installDir,
                             String host) throws SshException, RenderException {
        Requirements req = answers != null ? bundle.requirementsFor(answers) : bundle.requirements();
        Map<String, Integer> ports = answers != null ? bundle.portsFor(answers) : defaultPorts(bundle);
        ProbeResult probe = Prober.probe(shell, installDir, new ArrayList<>(req.sysctl().keySet()));
        InstallProject installProject = InstallProject.of(installDir, probe.facts());
        String project = installProject.name();
        // When another install's containers carry the name, none of its ports is ours to take over.
        PreflightReport report = Preflight.run(req, probe.facts(), ports,
                PreflightContext.of(installProject.otherInstalls().isEmpty() ? project : ""));
        Optional<CheckResult> clash = projectCheck(installProject, installDir);
        if (clash.isPresent()) {
            report = report.plus(List.of(clash.get()));
        }
        if (answers != null && !bundle.checks().isEmpty()) {
            ServerChecks.Planned planned = ServerChecks.plan(bundle, answers,
                    Builtins.of(installDir, "preflight", project, host));
            if (!planned.isEmpty()) {
                report = report.plus(ServerCheckRunner.run(shell, planned));
            }
        }
        return new Result(report, probe, installProject);
    }

    /**
     * A failed check when the install's compose project is not its own to use (another install's containers carry
     * it, or its record is damaged); nothing when all is well, so ordinary reports keep their rows.
     */
    static Optional<CheckResult> projectCheck(InstallProject project, String installDir) {
        return project.refusal(installDir).map(reason -> new CheckResult("compose-project", Outcome.FAIL,
                Localized.of("Compose 项目", "Compose project"), reason, project.recordDamaged()
                        ? Localized.of("修复或删除该文件后再检查。", "Repair or remove that file, then check again.")
                        : Localized.of("请换一个安装目录，或先停止并删除另一个安装。",
                                "Choose another install directory, or remove the other install first."), Optional.empty()));
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
