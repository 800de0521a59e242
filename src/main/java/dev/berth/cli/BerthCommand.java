package dev.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "berth", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true,
        versionProvider = BerthVersion.class,
        subcommands = {BundlesCommand.class, CheckCommand.class, RenderCommand.class, DeployCommand.class,
                StatusCommand.class, FollowCommand.class, ActionCommand.class, ProfilesCommand.class,
                SelfTestCommand.class, UninstallCommand.class, SupportBundleCommand.class, BackupCommand.class,
                RestoreCommand.class, ClusterCommand.class})
final class BerthCommand implements Runnable {
    @Option(names = "--lang", descriptionKey = "lang", scope = picocli.CommandLine.ScopeType.INHERIT)
    String lang;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
