package dev.berth.cli;

import dev.berth.deploy.ReleaseLayout;
import dev.berth.deploy.Uninstaller;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth uninstall}: the stack off the server, the data kept unless {@code --remove-data} names the stack's id
 * (what {@code berth status} calls the project), as an operator types a repository's name before deleting it.
 */
@Command(name = "uninstall", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class UninstallCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--bundle", descriptionKey = "bundle", paramLabel = "ID")
    String bundleId;

    @Option(names = "--remove-data", descriptionKey = "remove-data", paramLabel = "ID")
    String removeData;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        ReleaseLayout layout = InstallDir.of(target.installDir, bundleId);
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            Facts facts = Prober.probe(shell, layout.installDir(), List.of()).facts();
            Uninstaller uninstaller = new Uninstaller(shell, facts.access().privilege(), layout);
            String project = uninstaller.project(facts);
            out.info("正在卸载 " + project + "（" + layout.installDir() + "）…",
                    "Uninstalling " + project + " (" + layout.installDir() + ") …");
            Uninstaller.Outcome o = uninstaller.uninstall(project, removeData);
            String removed = out.t("已停止并删除 " + o.containers() + " 个容器和 " + o.networks() + " 个网络",
                    "Stopped and removed " + plural(o.containers(), "container") + " and "
                            + plural(o.networks(), "network"));
            if (o.keptData() == null) {
                out.result(removed + out.t("；" + layout.installDir() + " 连同其中的数据和该部署的数据卷已删除。",
                        "; " + layout.installDir() + " is gone, with its data and the deployment's volumes."));
            } else {
                out.result(removed + out.t("，以及版本目录和镜像包。数据保留在 " + o.keptData()
                                + "（还有数据卷和生成的密码），以后部署到同一目录会继续使用它们；要连同数据删除，请运行"
                                + " berth uninstall --remove-data " + project + "。",
                        ", and the releases and tarballs. The data stays in " + o.keptData() + " (with the volumes and"
                                + " the generated passwords), and a later deploy to the same folder uses it again; to"
                                + " remove it as well, run berth uninstall --remove-data " + project + "."));
            }
            return ExitCode.OK;
        }
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
