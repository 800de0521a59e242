package dev.berth.cli;

import dev.berth.deploy.BackupInfo;
import dev.berth.deploy.Backups;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.text.Localized;
import dev.berth.transfer.TransferPlan;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth backup}: the whole deployment (data, volumes, the live release with its answers and secrets, the image
 * list) into one archive kept on the server; {@code --list} shows the ones there are.
 */
@Command(name = "backup", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class BackupCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--bundle", descriptionKey = "bundle", paramLabel = "ID")
    String bundleId;

    @Option(names = "--list", descriptionKey = "backup-list")
    boolean list;

    @Option(names = "--download", descriptionKey = "backup-download", paramLabel = "DIR")
    java.nio.file.Path download;

    @Option(names = "--id", descriptionKey = "backup-id", paramLabel = "ID")
    String id;

    @Option(names = "--keep", descriptionKey = "backup-keep", paramLabel = "N")
    Integer keep;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        if (keep != null && keep < 1) {
            throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of("--keep 至少为 1：最新的备份总会保留。",
                    "--keep must be at least 1: the newest backup is always kept."));
        }
        ReleaseLayout layout = InstallDir.of(target.installDir, bundleId);
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            Facts facts = Prober.probe(shell, layout.installDir(), List.of()).facts();
            Backups backups = new Backups(shell, facts.access().privilege(), layout, Clock.systemUTC());
            if (list) {
                List<BackupInfo> all = backups.list();
                if (all.isEmpty()) {
                    out.result(out.t("服务器上 " + layout.backupsDir() + " 中还没有备份。",
                            "There are no backups in " + layout.backupsDir() + " on the server yet."));
                }
                for (BackupInfo b : all) {
                    out.result(b.id() + "  " + b.created() + "  " + b.bundle() + " " + b.version() + "  "
                            + TransferPlan.size(b.bytes()) + "  " + out.t(downtime(b)));
                }
                return ExitCode.OK;
            }
            if (keep != null) {
                backups.keep(keep);
            }
            BackupInfo b;
            if (id != null) {
                b = backups.find(id);
            } else {
                out.info("正在备份 " + layout.installDir() + " …", "Backing up " + layout.installDir() + " …");
                b = backups.take(facts, new JournalPrinter(out, Backups.JOB_STEPS, false));
                out.result(out.t(saved(b)));
            }
            if (download != null) {
                java.nio.file.Path to = download.resolve(b.bundle() + "-" + b.id() + ".tar.gz");
                out.info("正在下载备份 " + b.id() + " 到 " + to + " …", "Downloading backup " + b.id() + " to " + to + " …");
                UploadProgress progress = new UploadProgress(out);
                dev.berth.transfer.FileDownloader.download(shell, new dev.berth.target.ServerCommands(
                        facts.access().privilege()), b.archive(), b.bytes(), b.sha256(), to, (bytes, total, rate) ->
                        progress.update(new dev.berth.deploy.UploadTick(to.getFileName().toString(), bytes, total, bytes,
                                total, rate)));
                progress.finish();
                out.result(out.t(Localized.of("已下载到 " + to + "（sha256 已核对；文件中有密码，请妥善保管）。要恢复到另一台服务器："
                                + "berth restore --file " + to + "。",
                        "Downloaded to " + to + " (sha256 checked; it holds passwords, keep it safe). To restore it onto"
                                + " another server: berth restore --file " + to + ".")));
            } else if (id != null) {
                out.result(out.t(saved(b)));
            }
            return ExitCode.OK;
        }
    }

    static Localized downtime(BackupInfo b) {
        if (b.downMs() <= 0) {
            return Localized.of("服务未停止", "no service stopped");
        }
        String s = String.format(Locale.ROOT, "%.1f s", b.downMs() / 1000.0);
        return Localized.of(String.join(", ", b.stopped()) + " 停止了 " + s, String.join(", ", b.stopped())
                + " down for " + s);
    }

    static Localized saved(BackupInfo b) {
        return Localized.of("备份 " + b.id() + " 已完成：" + TransferPlan.size(b.bytes()) + "，" + b.bundle() + " " + b.version()
                        + "，" + downtime(b).zh() + "。保存在服务器上的 " + b.archive() + "（仅 root 可读：其中有这个部署的密码）；"
                        + "服务器保留最近的几个备份（默认 3 个，用 --keep N 更改）。",
                "Backup " + b.id() + " done: " + TransferPlan.size(b.bytes()) + ", " + b.bundle() + " " + b.version()
                        + ", " + downtime(b).en() + ". It is kept on the server in " + b.archive() + " (readable by root"
                        + " only: it holds the deployment's passwords); the server keeps the newest backups (3 unless"
                        + " --keep N says otherwise).");
    }
}
