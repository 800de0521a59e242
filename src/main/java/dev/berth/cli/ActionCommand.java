package dev.berth.cli;

import dev.berth.action.ActionOutcome;
import dev.berth.action.OperatorActions;
import dev.berth.bundle.Action;
import dev.berth.bundle.Bundle;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Prober;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth action} lists a bundle's operator actions; {@code berth action NAME} runs one on the live deployment. */
@Command(name = "action", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class ActionCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    BundleOptions bundle = new BundleOptions();

    @Parameters(index = "0", arity = "0..1", descriptionKey = "action-name", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        Bundle b = bundle.load();
        if (name == null) {
            if (b.actions().isEmpty()) {
                out.result(out.t("此应用包没有可执行的操作。", "This bundle has no actions."));
            }
            for (Action a : b.actions()) {
                out.result(String.format("%-20s %s", a.name(), a.label().in(out.locale())));
            }
            return ExitCode.OK;
        }
        ReleaseLayout layout = InstallDir.of(target.installDir, b.id());
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            var facts = Prober.probe(shell, layout.installDir(), List.of()).facts();
            out.info("正在服务器上执行 " + name + " …", "Running " + name + " on the server …");
            ActionOutcome o = new OperatorActions(shell, facts, layout, Clock.systemUTC())
                    .run(b, name, ServerConnection.spec(target).host());
            if (!o.ok()) {
                if (!o.stderr().isBlank()) {
                    out.err().println(o.stderr());
                }
                out.problem(dev.berth.text.Localized.of(name + " 失败，退出码 " + o.exitCode() + "。",
                        name + " failed with exit code " + o.exitCode() + "."));
                return ExitCode.DEPLOY_FAILED;
            }
            if (o.outputFile() != null) {
                out.info("已保存到服务器上的 " + o.outputFile() + "。", "Saved on the server as " + o.outputFile() + ".");
                out.result(o.outputFile());
            } else if (!o.stdout().isEmpty()) {
                out.result(o.stdout().stripTrailing());
            }
            return ExitCode.OK;
        }
    }
}
