package dev.berth.cli;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Endpoint;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.cluster.ClusterFile;
import dev.berth.deploy.DeployOptions;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.JournalEvent;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.PreviousAnswers;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.PreflightReportFormat;
import dev.berth.profile.ClusterNodes;
import dev.berth.profile.Profile;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import dev.berth.transfer.UploadCutShort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy", resourceBundle = "dev.berth.cli.messages", mixinStandardHelpOptions = true)
final class DeployCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    BundleOptions bundle = new BundleOptions();

    @Mixin
    AnswersOptions answers = new AnswersOptions();

    @Option(names = "--images", descriptionKey = "images", paramLabel = "DIR")
    Path images;

    @Option(names = "--save-profile", descriptionKey = "save-profile", paramLabel = "NAME")
    String saveProfile;

    @Option(names = "--no-backup", descriptionKey = "no-backup")
    boolean noBackup;

    @Option(names = "--allow-downgrade", descriptionKey = "allow-downgrade")
    boolean allowDowngrade;

    @Option(names = "--cluster", descriptionKey = "cluster-deploy", paramLabel = "FILE")
    Path cluster;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Output out = Output.get();
        ProfileSaver.checkName(saveProfile);
        Bundle b = bundle.load();
        Map<String, Object> raw = answers.raw();
        ResolvedAnswers given = AnswersResolver.resolve(b, raw); // bad answers are refused before anything connects
        if (images != null && !Files.isDirectory(images)) {
            throw new CliFailure(ExitCode.INVALID_INPUT, Localized.of("镜像目录 " + images + " 不存在。",
                    "The image folder " + images + " does not exist."));
        }
        ReleaseLayout layout = InstallDir.of(target.installDir, b.id());
        if (allowDowngrade && (cluster != null || ProfileOption.of(command).map(Profile::isCluster).orElse(false))) {
            throw new CliFailure(ExitCode.USAGE, Localized.of("集群部署不做降级，--allow-downgrade 不能用于集群。",
                    "A cluster deploy does not downgrade: --allow-downgrade does not go with a cluster."));
        }
        if (cluster != null) {
            if (target.target != null || profile.name != null) {
                throw new CliFailure(ExitCode.USAGE, Localized.of(
                        "--cluster 已列出所有服务器：不能同时使用 --target 或 --profile。",
                        "--cluster lists the servers already: it does not go with --target or --profile."));
            }
            int code = ClusterDeploy.run(cluster, b, raw, given, images, layout, target.passwordStdin, out);
            if (code == ExitCode.OK && saveProfile != null) {
                ProfileSaver.saveCluster(saveProfile, b, raw, ClusterFile.read(cluster), layout.installDir(), out);
            }
            return code;
        }
        Profile saved = ProfileOption.of(command).orElse(null);
        if (saved != null && saved.isCluster()) {
            return deployClusterProfile(saved, b, raw, given, layout, out);
        }
        try (RemoteShell shell = ServerConnection.open(target, out)) {
            String host = ServerConnection.spec(target).host();
            PreflightReport report = CheckCommand.checkBeforeDeploy(shell, b, given, layout, host, out);
            Deployer deployer = new Deployer(shell, report.facts().access().privilege(), layout, Clock.systemUTC());
            ResolvedAnswers resolved = AnswersResolver.resolve(b,
                    PreviousAnswers.keepGeneratedSecrets(b, raw, deployer.previousAnswers()));
            PreparedRelease release = deployer.prepare(report.facts(), b, resolved, images, host,
                    new DeployOptions(!noBackup, allowDowngrade, null));
            out.info("新版本 " + release.releaseId() + "，共 " + release.plan().steps().size() + " 步。",
                    "Release " + release.releaseId() + ", " + release.plan().steps().size() + " steps.");
            if (release.upgrade() != null) {
                release.upgrade().summary().forEach(out::info);
            }
            DeployOutcome outcome = run(deployer, release, out);
            int code = report(outcome, release, out);
            if (code != ExitCode.OK) {
                offerRestore(outcome, release, out);
            }
            if (code == ExitCode.OK && saveProfile != null) {
                ProfileSaver.save(saveProfile, b, resolved, ServerConnection.spec(target), layout.installDir(), out);
            }
            return code;
        }
    }

    /**
     * {@code --profile NAME} of a cluster profile: its nodes go to the cluster deploy as the cluster file it reads
     * (written for the run, removed after), so a profile and a file are held to the same rules.
     */
    private int deployClusterProfile(Profile saved, Bundle b, Map<String, Object> raw, ResolvedAnswers given,
                                     ReleaseLayout layout, Output out) throws Exception {
        if (command.commandLine().getParseResult().hasMatchedOption("--target")) {
            throw new CliFailure(ExitCode.USAGE, Localized.of(
                    "配置档 " + saved.name() + " 是集群：它已列出所有服务器，不能再用 --target。",
                    "Profile " + saved.name() + " is a cluster: it lists the servers already, so --target does not go with it."));
        }
        Path file = Files.createTempFile("berth-cluster-", ".yaml"); // logins and host keys only, never a password
        try {
            Files.writeString(file, ClusterNodes.clusterFile(saved.cluster()));
            int code = ClusterDeploy.run(file, b, raw, given, images, layout, target.passwordStdin, out);
            if (code == ExitCode.OK && saveProfile != null) {
                ProfileSaver.saveCluster(saveProfile, b, raw, ClusterFile.read(file), layout.installDir(), out);
            }
            return code;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * After a failed upgrade that was rolled back: the release files are the previous release's again, but the data is
     * as the new version left it. Say so, and how to put the data back from the backup taken first.
     */
    static void offerRestore(DeployOutcome outcome, PreparedRelease release, Output out) {
        String backup = release.backupId();
        boolean taken = outcome.eventsOf("backup-taken").stream().anyMatch(e -> backup != null
                && backup.equals(e.text(dev.berth.deploy.JournalField.BACKUP)));
        if (release.upgrade() == null || !taken) {
            return;
        }
        out.problem(Localized.of("之前的版本已放回，配置文件已恢复；数据保持新版本离开时的状态，可能已被改动（例如迁移）。要把数据也恢复到升级之前，运行"
                        + " berth restore --backup " + backup + "（使用之前版本的安装包）。",
                "The previous release is back and its files are restored; the data is as the new version left it and"
                        + " may have changed (a migration, say). To put the data back as it was before the upgrade too,"
                        + " run berth restore --backup " + backup + " with the previous bundle."));
    }

    /** Sends the release and follows its job, printing as it goes; a dropped link is one sentence saying what it means. */
    static DeployOutcome run(Deployer deployer, PreparedRelease release, Output out) throws Exception {
        try {
            return deployer.deploy(release, new JournalPrinter(out, release.plan()));
        } catch (SshException e) {
            if (e.kind() == SshException.Kind.CHANNEL || e.kind() == SshException.Kind.TIMEOUT) {
                throw new CliFailure(ExitCode.DEPLOY_FAILED, droppedLink(deployer.progress(), e));
            }
            throw e;
        }
    }

    /** What a dropped connection means depends on whether the job was already running on the server. */
    static Localized droppedLink(Deployer.Progress progress, SshException e) {
        return switch (progress) {
            case SENDING -> e instanceof UploadCutShort cut
                    ? cut.sentence(Localized.of("重新运行同一命令", "run the same command again"))
                    : Localized.of("上传时与服务器的连接中断，部署没有开始：服务器上运行的内容没有任何改动。"
                            + "重新运行同一命令即可重试。（" + e.sentence().zh() + "）",
                    "The connection dropped during the upload, before the deployment started: nothing that runs on"
                            + " the server was changed. Run the same command again to retry. (" + e.sentence().en()
                            + ")");
            case STARTING -> Localized.of(
                    "启动部署任务时与服务器的连接中断，任务可能已在服务器上运行；用 berth follow 查看。（" + e.sentence().zh() + "）",
                    "The connection dropped while the deploy job was being started, so it may be running on the"
                            + " server; run berth follow to see. (" + e.sentence().en() + ")");
            case STARTED -> Localized.of(
                    "与服务器的连接中断，但部署仍在服务器上继续；用 berth follow 重新查看。（" + e.sentence().zh() + "）",
                    "The connection dropped, but the deployment goes on on the server; run berth follow to reattach. ("
                            + e.sentence().en() + ")");
        };
    }

    static int report(DeployOutcome outcome, PreparedRelease release, Output out) {
        if (outcome.succeeded()) {
            out.info("部署成功：版本 " + outcome.releaseId() + " 已上线。", "Deployed: release " + outcome.releaseId() + " is live.");
            if (release != null) {
                for (Endpoint e : release.rendered().endpoints()) {
                    out.result(out.t(e.label()) + ": " + e.url() + (e.note() == null ? "" : "  — " + out.t(e.note())));
                }
            }
            return ExitCode.OK;
        }
        if (outcome.end().isEmpty()) {
            out.problem(Localized.of("部署任务没有写完日志就停止了（服务器重启或进程被终止）。",
                    "The deploy job stopped without finishing its journal (server restart or the process was killed)."));
            return ExitCode.DEPLOY_FAILED;
        }
        JournalEvent end = outcome.end().get();
        if ("refused".equals(end.status())) {
            out.problem(Localized.of("服务器上已有另一个部署在运行；请等它结束后再试。",
                    "Another deployment is running on this server; try again when it has finished."));
            return ExitCode.DEPLOY_FAILED;
        }
        String step = outcome.failedStep().map(JournalEvent::step).orElse("?");
        out.problem(outcome.failureSentence(Localized.same(step)));
        return ExitCode.DEPLOY_FAILED;
    }
}
