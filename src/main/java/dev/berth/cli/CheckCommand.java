package dev.berth.cli;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.RenderException;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.PreflightReportFormat;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import java.util.Locale;
import dev.berth.text.Localized;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    BundleOptions bundle = new BundleOptions();

    @Mixin
    AnswersOptions answers = new AnswersOptions();

    @Option(names = "--json", descriptionKey = "json")
    boolean json;

    @Option(names = "--fix", descriptionKey = "fix")
    boolean fix;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        Bundle b = bundle.load();
        ResolvedAnswers resolved = answers.forPreflight(b);
        ReleaseLayout layout = InstallDir.of(target.installDir, b.id());
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            PreflightReport report = check(shell, b, resolved, layout, ServerConnection.spec(target).host(), out);
            if (fix) {
                // Each remedy Berth knows for a check that did not pass (the wizard's Fix buttons), then a new check.
                boolean applied = false;
                for (var r : report.results()) {
                    if (r.outcome() == Outcome.PASS || r.fix().isEmpty()) {
                        continue;
                    }
                    var f = r.fix().get();
                    out.info(Localized.of("正在修复：" + f.label().zh(), "Fixing: " + f.label().en()));
                    var done = shell.exec(f.command(), java.time.Duration.ofMinutes(2));
                    if (!done.ok()) {
                        throw new CliFailure(ExitCode.PREFLIGHT_FAILED, Localized.of("修复没有成功：" + done.stderr().strip(),
                                "The fix did not work: " + done.stderr().strip()));
                    }
                    if (!done.stdout().isBlank()) {
                        out.info(Localized.same("  " + done.stdout().strip()));
                    }
                    applied = true;
                }
                if (applied) {
                    report = check(shell, b, resolved, layout, ServerConnection.spec(target).host(), out);
                }
            }
            out.result(json ? PreflightReportFormat.json(report) : PreflightReportFormat.text(report, out.locale()));
            return report.worst() == Outcome.FAIL ? ExitCode.PREFLIGHT_FAILED : ExitCode.OK;
        }
    }

    /** Probe and preflight: shared with deploy, so both judge the server the same way. */
    /**
     * The check a deploy (or a restore) runs first: what did not pass is printed; a failure stops the command with
     * "nothing was changed".
     */
    static PreflightReport checkBeforeDeploy(RemoteShell shell, Bundle bundle, ResolvedAnswers answers,
                                             ReleaseLayout layout, String host, Output out) throws Exception {
        PreflightReport report = check(shell, bundle, answers, layout, host, out);
        if (report.worst() != Outcome.PASS) {
            out.err().println(PreflightReportFormat.text(report, out.locale()));
        }
        if (report.worst() == Outcome.FAIL) {
            throw new CliFailure(ExitCode.PREFLIGHT_FAILED, Localized.of("服务器未通过检查，未做任何改动。",
                    "The server failed the checks; nothing was changed."));
        }
        return report;
    }

    static PreflightReport check(RemoteShell shell, Bundle bundle, ResolvedAnswers answers, ReleaseLayout layout,
                                 String host, Output out) throws SshException, RenderException {
        out.info("正在检查服务器 …", "Checking the server …");
        ServerPreflight.Result r = ServerPreflight.run(shell, bundle, answers, layout.installDir(), host);
        double seconds = r.probe().wallTime().toMillis() / 1000.0;
        out.info(String.format(Locale.ROOT, "检查用时 %.1f 秒。", seconds),
                String.format(Locale.ROOT, "Probed in %.1f s.", seconds));
        return r.report();
    }
}
