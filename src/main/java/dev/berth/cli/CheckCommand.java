package dev.berth.cli;

import dev.berth.bundle.Bundle;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.Preflight;
import dev.berth.preflight.PreflightContext;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.PreflightReportFormat;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.ProbeResult;
import dev.berth.target.Prober;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    BundleOptions bundle = new BundleOptions();

    @Mixin
    AnswersOptions answers = new AnswersOptions();

    @Option(names = "--json", descriptionKey = "json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        Bundle b = bundle.load();
        AnswersOptions.PreflightInput input = answers.preflightInput(b);
        ReleaseLayout layout = InstallDir.of(target.installDir, b.id());
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            PreflightReport report = check(shell, input, layout, out);
            out.result(json ? PreflightReportFormat.json(report) : PreflightReportFormat.text(report, out.locale()));
            return report.worst() == Outcome.FAIL ? ExitCode.PREFLIGHT_FAILED : ExitCode.OK;
        }
    }

    /** Probe and preflight: shared with deploy, so both judge the server the same way. */
    static PreflightReport check(RemoteShell shell, AnswersOptions.PreflightInput input, ReleaseLayout layout,
                                 Output out) throws dev.berth.ssh.SshException {
        out.info("正在检查服务器 …", "Checking the server …");
        ProbeResult probe = Prober.probe(shell, layout.installDir(), new ArrayList<>(input.requirements().sysctl().keySet()));
        PreflightReport report = Preflight.run(input.requirements(), probe.facts(), input.ports(),
                PreflightContext.of(layout.project()));
        out.info(String.format(Locale.ROOT, "检查用时 %.1f 秒。", probe.wallTime().toMillis() / 1000.0),
                String.format(Locale.ROOT, "Probed in %.1f s.", probe.wallTime().toMillis() / 1000.0));
        return report;
    }
}
