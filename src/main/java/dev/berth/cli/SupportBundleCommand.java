package dev.berth.cli;

import dev.berth.deploy.ReleaseLayout;
import dev.berth.deploy.SupportBundle;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.InstallProject;
import dev.berth.target.ProbeResult;
import dev.berth.target.Prober;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth support-bundle}: one redacted {@code .tar.gz} on this laptop to send to whoever helps. */
@Command(name = "support-bundle", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class SupportBundleCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--bundle", descriptionKey = "bundle", paramLabel = "ID")
    String bundleId;

    @Option(names = "--out", descriptionKey = "support-out", paramLabel = "FILE")
    Path out;

    @Override
    public Integer call() throws Exception {
        Output o = Output.get();
        ReleaseLayout layout = InstallDir.of(target.installDir, bundleId);
        try (RemoteShell shell = ServerConnection.open(target, o)) {
            ProbeResult probe = Prober.probe(shell, layout.installDir(), List.of());
            String project = InstallProject.of(layout.installDir(), probe.facts()).name();
            o.info("正在收集 " + project + " 的诊断信息 …", "Gathering support information for " + project + " …");
            SupportBundle b = SupportBundle.collect(shell, probe.facts().access().privilege(), layout, project,
                    probe.facts().raw(), Set.of());
            String name = SupportBundle.name(project, Clock.systemUTC().instant());
            Path file = out != null ? out : Path.of(name + ".tar.gz");
            b.write(file, name);
            o.info("已写入 " + file.toAbsolutePath() + "（" + b.files().size() + " 个文件，已去除密钥）。",
                    "Written to " + file.toAbsolutePath() + " (" + b.files().size() + " files, secrets removed).");
            o.result(file.toAbsolutePath().toString());
            return ExitCode.OK;
        }
    }
}
