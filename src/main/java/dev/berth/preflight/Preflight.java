package dev.berth.preflight;

import dev.berth.bundle.Requirements;
import dev.berth.target.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges probed facts against a bundle's requirements. Pure: the same facts always give the same report, so a
 * saved probe output can be judged again offline. Checks run in a fixed order; a check whose requirement is
 * absent gives no result.
 */
public final class Preflight {

    /** The order results appear in. */
    static final List<Analyzer> ANALYZERS = List.of(
            new ArchCheck(), new OsCheck(), new CpuCheck(), new MemoryCheck(), new DiskCheck(), new InstallDirCheck(),
            new DataFolderCheck(),
            new GpuCheck(), new DockerCheck(), new ComposeCheck(), new PortCheck(), new SysctlCheck(), new NofileCheck(),
            new SudoCheck(), new ToolsCheck());

    private Preflight() {}

    /**
     * @param portsByParam the operator's value for each port parameter (missing ones are reported, not guessed)
     */
    public static PreflightReport run(Requirements req, Facts facts, Map<String, Integer> portsByParam,
                                      PreflightContext ctx) {
        PreflightInput in = new PreflightInput(req, facts, portsByParam, ctx);
        List<CheckResult> results = new ArrayList<>();
        Outcome worst = Outcome.PASS;
        for (Analyzer a : ANALYZERS) {
            for (CheckResult r : a.analyze(in)) {
                results.add(r);
                worst = worst.worse(r.outcome());
            }
        }
        return new PreflightReport(results, worst, facts);
    }
}
