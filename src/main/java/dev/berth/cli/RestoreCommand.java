package dev.berth.cli;

import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.BackupArchive;
import dev.berth.deploy.BackupInfo;
import dev.berth.deploy.Backups;
import dev.berth.deploy.DeployOptions;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.PreflightReportFormat;
import dev.berth.ssh.RemoteShell;
import dev.berth.text.Localized;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth restore}: a backup brought back as a deploy — the data, volumes and migrations record put back, the
 * backup's release rendered again from its answers with the same bundle version, images loaded or uploaded, then
 * staged and health-checked like any deploy. Onto the same install, or onto another server from a downloaded
 * archive ({@code --file}); a restore over a live deployment backs that up first.
 */
@Command(name = "restore", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class RestoreCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    BundleOptions bundle = new BundleOptions();

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--backup", descriptionKey = "restore-backup", paramLabel = "ID", required = true)
        String id;

        @Option(names = "--file", descriptionKey = "restore-file", paramLabel = "FILE", required = true)
        Path file;
    }

    @Option(names = "--answers", descriptionKey = "restore-answers", paramLabel = "FILE")
    Path answers;

    @Option(names = "--images", descriptionKey = "images", paramLabel = "DIR")
    Path images;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        Bundle b = bundle.load();
        Map<String, Object> overrides = answers == null ? Map.of() : AnswersFile.read(answers);
        BackupArchive local = source.file == null ? null : BackupArchive.read(source.file);
        if (local != null) {
            sameBundle(b, local.info());
        }
        ReleaseLayout layout = InstallDir.of(target.installDir, b.id());
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            String host = ServerConnection.spec(target).host();
            // Only how to reach root: the full probe runs once, in the check below, with the backup's answers.
            Backups backups = new Backups(shell, dev.berth.ssh.Privilege.detect(shell), layout, Clock.systemUTC());
            BackupInfo info;
            Map<String, Object> fromBackup;
            if (local != null) {
                out.info("正在把备份 " + local.info().id() + " 上传到服务器 …",
                        "Uploading backup " + local.info().id() + " to the server …");
                UploadProgress progress = new UploadProgress(out);
                info = backups.upload(local, (bytes, total, rate) -> progress.update(
                        new dev.berth.deploy.UploadTick("backup.tar.gz", bytes, total, bytes, total, rate)));
                progress.finish();
                fromBackup = local.answers();
            } else {
                info = backups.find(source.id);
                sameBundle(b, info);
                fromBackup = backups.answers(info);
            }
            // The backup's answers as they were; an answers file changes what differs on this server (its address).
            Map<String, Object> raw = new LinkedHashMap<>(fromBackup);
            raw.putAll(overrides);
            ResolvedAnswers resolved = AnswersResolver.resolve(b, raw);
            PreflightReport report = CheckCommand.checkBeforeDeploy(shell, b, resolved, layout, host, out);
            Deployer deployer = new Deployer(shell, report.facts().access().privilege(), layout, Clock.systemUTC());
            PreparedRelease release = deployer.prepare(report.facts(), b, resolved, images, host,
                    DeployOptions.DEFAULT.withRestore(info.id()));
            out.info("从备份 " + info.id() + " 恢复为新版本 " + release.releaseId() + (release.backupId() == null ? ""
                            : "；先把现在的部署备份为 " + release.backupId()) + "。",
                    "Restoring backup " + info.id() + " as release " + release.releaseId() + (release.backupId() == null
                            ? "" : "; the deployment there now is backed up first as " + release.backupId()) + ".");
            DeployOutcome outcome = DeployCommand.run(deployer, release, out);
            int code = DeployCommand.report(outcome, release, out);
            if (code != ExitCode.OK && release.backupId() != null) {
                out.problem(Localized.of("恢复之前的部署已备份为 " + release.backupId() + "；要回到恢复之前的状态，运行 berth restore --backup "
                                + release.backupId() + "。",
                        "The deployment as it was before the restore is in backup " + release.backupId() + "; to go back"
                                + " to it, run berth restore --backup " + release.backupId() + "."));
            }
            return code;
        }
    }

    /** A backup is restored with the bundle version it was made with: anything else is an upgrade or a downgrade. */
    private static void sameBundle(Bundle b, BackupInfo info) throws CliFailure {
        if (!b.id().equals(info.bundle()) || !b.version().equals(info.version())) {
            throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of(
                    "备份 " + info.id() + " 来自 " + info.bundle() + " " + info.version() + "，而给出的安装包是 " + b.id() + " "
                            + b.version() + "：请用同一版本的安装包恢复，之后再升级。未做任何改动。",
                    "Backup " + info.id() + " was made with " + info.bundle() + " " + info.version() + " and the bundle"
                            + " given is " + b.id() + " " + b.version() + ": restore with the same bundle version, and"
                            + " upgrade after that. Nothing was changed."));
        }
    }
}
