package dev.berth.cli;

import dev.berth.ssh.Privilege;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.ReleaseId;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.text.Localized;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "follow", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class FollowCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--bundle", descriptionKey = "bundle", paramLabel = "ID")
    String bundleId;

    @Option(names = "--release", descriptionKey = "release", paramLabel = "ID")
    String release;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        ReleaseLayout layout = InstallDir.of(target.installDir, bundleId);
        if (release != null && !ReleaseId.isValid(release)) {
            throw new CliFailure(ExitCode.USAGE, Localized.of("版本 id 格式不对：" + release, "Not a release id: " + release));
        }
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            Deployer deployer = new Deployer(shell, Privilege.detect(shell), layout, Clock.systemUTC());
            String id = release != null ? release : deployer.lastJob().orElseThrow(() -> new CliFailure(ExitCode.INVALID_INPUT,
                    Localized.of(layout.installDir() + " 中还没有运行过部署任务。",
                            "No deploy job has run in " + layout.installDir() + " yet.")));
            out.info("正在跟踪版本 " + id + " 的部署任务 …", "Following the deploy job of release " + id + " …");
            DeployOutcome outcome = deployer.follow(id, new JournalPrinter(out, null));
            return DeployCommand.report(outcome, null, out);
        }
    }
}
