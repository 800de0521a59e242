package dev.berth.deploy;

import dev.berth.target.ServerCommands;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ImageRef;
import dev.berth.bundle.RenderException;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.SwarmStack;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.target.ComposeInstall;
import dev.berth.target.Facts;
import dev.berth.target.InstallProject;
import dev.berth.ssh.Privilege;
import dev.berth.text.Localized;
import dev.berth.transfer.ImagePlanner;
import dev.berth.transfer.ImageStatus;
import dev.berth.transfer.Codec;
import dev.berth.transfer.Compression;
import dev.berth.transfer.ImageArchive;
import dev.berth.transfer.ImageUploader;
import dev.berth.transfer.LinkRate;
import dev.berth.transfer.TransferPlan;
import dev.berth.transfer.UploadCutShort;
import dev.berth.transfer.UploadSource;
import dev.berth.transfer.TransferException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine call behind both {@code berth deploy} and the wizard's Deploy step: prepare a release on the laptop,
 * send what the server lacks, start the job on the server and follow its journal to the end.
 */
public final class Deployer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Below this much to send, measuring the link costs more than compressing could save. */
    private static final long LINK_PROBE_ABOVE = 64L * 1024 * 1024;

    private final RemoteShell shell;
    private final ReleaseLayout layout;
    private final ServerCommands commands;
    private final Clock clock;
    private volatile Progress progress = Progress.SENDING;

    /**
     * How far {@link #deploy} got. A dropped connection means opposite things before and after the job starts on
     * the server: before, nothing that runs there was changed and the deploy can simply be retried; after, the job
     * goes on without the laptop and can be followed again.
     */
    public enum Progress {
        /** Uploading images and the release: the job has not started. */
        SENDING,
        /** The start command was sent: the job may or may not run. */
        STARTING,
        /** The server said the job runs. */
        STARTED
    }

    /** @param privilege how the login reaches root on the server ({@link Facts#privilege()}) */
    public Deployer(RemoteShell shell, Privilege privilege, ReleaseLayout layout, Clock clock) {
        this.shell = shell;
        this.layout = layout;
        this.commands = new ServerCommands(privilege);
        this.clock = clock;
    }

    /**
     * Renders the release and decides what to send; touches nothing on the server.
     *
     * @param facts a fresh probe of the target: which Compose to use and which images are already there
     * @param host  the server's address as the operator typed it (for endpoint URLs)
     */
    public PreparedRelease prepare(Facts facts, Bundle bundle, ResolvedAnswers answers, Path imagesDir, String host)
            throws RenderException, TransferException {
        return prepare(facts, bundle, answers, imagesDir, host, DeployOptions.DEFAULT);
    }

    /**
     * @throws TransferException also when the bundle's version is below the live one and a downgrade was not allowed
     *                           (the data may have been migrated by the newer version)
     */
    public PreparedRelease prepare(Facts facts, Bundle bundle, ResolvedAnswers answers, Path imagesDir, String host,
                                   DeployOptions options) throws RenderException, TransferException {
        // Also judged by the preflight; here too so that no caller can write through a symbolic link.
        refuseSymlinkedInstallDir(facts);
        ComposeInstall compose = facts.docker().compose().orElseThrow(() -> new TransferException(Localized.of(
                "服务器上没有 Docker Compose，无法部署。", "The server has no Docker Compose, so Berth cannot deploy there.")));
        String project = project(facts);
        String releaseId = ReleaseId.next(clock);
        RenderedRelease rendered = Renderer.render(bundle, answers, Builtins.of(layout.installDir(), releaseId, project, host),
                compose.variant().dotenvDialect());
        List<ImageStatus> images = images(facts, bundle, answers, imagesDir);
        List<String> toLoad = images.stream().filter(ImageStatus::needsUpload).map(s -> s.image().file()).toList();
        List<String> refs = bundle.imagesFor(answers).stream().map(ImageRef::ref).toList();
        UpgradeCheck.Live live = UpgradeCheck.Live.of(facts.installDir().previousRelease());
        // A restore is the way back: it brings the data of its own version with it, so it is never a downgrade.
        if (live != null && live.bundle().equals(bundle.id()) && UpgradeCheck.isDowngrade(live, bundle.version())
                && !options.allowDowngrade() && options.restoreId() == null) {
            throw new TransferException(Localized.of(
                    "服务器上运行的是 " + bundle.id() + " " + live.version() + "，这个安装包是较旧的 " + bundle.version()
                            + "：Berth 不做降级（新版本可能已改动数据）。要回到旧版本，请恢复升级前的备份（berth restore）；"
                            + "确定要降级请加 --allow-downgrade。未做任何改动。",
                    "The server runs " + bundle.id() + " " + live.version() + " and this bundle is the older "
                            + bundle.version() + ": Berth does not downgrade, because the newer version may have changed"
                            + " the data. To go back, restore the backup taken before the upgrade (berth restore); to"
                            + " downgrade all the same, add --allow-downgrade. Nothing was changed."));
        }
        java.util.Set<String> changed = new java.util.HashSet<>();
        images.stream().filter(ImageStatus::needsUpload).forEach(s -> changed.add(s.image().ref()));
        String backupId = options.backupFirst() || options.restoreId() != null ? ReleaseId.next(clock) : null;
        Upgrade upgrade = options.restoreId() != null ? null : UpgradeCheck.judge(live, bundle.version(), refs, changed,
                ComposeImages.of(rendered), rendered.migrations(), backupId);
        // A restore over a live deployment always keeps what it replaces; a first install has nothing to back up.
        String takeBackup = live == null ? null : options.restoreId() != null ? backupId
                : upgrade != null ? upgrade.backupId() : null;
        DeployPlan plan = DeployPlanner.plan(releaseId, project, rendered.composeFile(), compose.variant().program(),
                toLoad, refs, bundle.dataDirs(), rendered.stages(), rendered.hooks(), rendered.probes(),
                new DeployPlanner.Extras(takeBackup, options.restoreId(),
                        UpgradeCheck.running(upgrade, rendered.migrations())));
        TransferPlan transfer = TransferPlan.of(images, facts);
        Localized unfit = transfer.refusal(facts);
        if (unfit != null) {
            throw TransferException.unfit(unfit);
        }
        return new PreparedRelease(bundle, answers, releaseId, rendered, images, plan, transfer, upgrade);
    }

    /**
     * A release for a cluster target, whose job runs on this deployer's server, the swarm's first manager: the stack
     * converted from the compose file (one file per stage, release files as Swarm configs and secrets), the images
     * loaded on the manager and forwarded from it to the nodes that lack them. A cluster deploy takes no backup and
     * runs no migrations (both are compose-only for now); the stack needs no Compose on the manager.
     *
     * @param facts a fresh probe of the manager
     * @throws RenderException when the compose file cannot run as a stack, or a hook's service is not on the manager
     */
    public PreparedRelease prepareSwarm(Facts facts, Bundle bundle, ResolvedAnswers answers, Path imagesDir,
                                        String host, SwarmTarget swarm) throws RenderException, TransferException {
        refuseSymlinkedInstallDir(facts);
        String project = project(facts);
        String releaseId = ReleaseId.next(clock);
        Optional<ComposeInstall> compose = facts.docker().compose();
        Builtins builtins = Builtins.of(layout.installDir(), releaseId, project, host);
        RenderedRelease rendered = Renderer.render(bundle, answers, builtins, compose.map(c -> c.variant().dotenvDialect())
                .orElse(dev.berth.text.DotenvDialect.PYTHON_DOTENV));
        for (dev.berth.bundle.Hook h : rendered.hooks()) {
            if (h.service() != null && !swarm.onManager(bundle.placementOf(h.service()))) {
                throw new RenderException(Localized.of(
                        "部署后操作 " + h.name() + " 在服务 " + h.service() + " 中运行，但该服务不在第一个管理节点上：Berth 在管理节点上的任务中运行操作。"
                                + "请把 " + h.service() + " 放在管理节点带有的标签上。",
                        "The hook " + h.name() + " runs in " + h.service() + ", which is not placed on the first"
                                + " manager: Berth runs hooks in a task there. Place " + h.service()
                                + " on a label the first manager has."), null);
            }
        }
        UpgradeCheck.Live live = UpgradeCheck.Live.of(facts.installDir().previousRelease());
        if (live != null && live.bundle().equals(bundle.id()) && !live.version().equals(bundle.version())
                && !rendered.migrations().isEmpty()) {
            // Its migrations run in compose services; a stack's tasks may be on any node.
            throw migrationsOnCluster(bundle, live);
        }
        if (live != null && live.bundle().equals(bundle.id()) && UpgradeCheck.isDowngrade(live, bundle.version())) {
            throw new TransferException(Localized.of(
                    "集群上运行的是 " + bundle.id() + " " + live.version() + "，这个安装包是较旧的 " + bundle.version()
                            + "：集群部署不做降级（新版本可能已改动数据）。未做任何改动。",
                    "The cluster runs " + bundle.id() + " " + live.version() + " and this bundle is the older "
                            + bundle.version() + ": a cluster deploy does not downgrade, because the newer version may"
                            + " have changed the data. Nothing was changed."));
        }
        RenderedFile composeFile = rendered.file(rendered.composeFile());
        SwarmStack.Stacks stacks = SwarmStack.stages(new String(composeFile.content(), StandardCharsets.UTF_8),
                bundle::placementOf, builtins.dataDir(), Renderer.composeEnvironment(bundle, answers, builtins),
                rendered.files(), builtins.releaseDir(), project, rendered.stages());
        List<ImageStatus> images = images(facts, bundle, answers, imagesDir);
        List<String> toLoad = images.stream().filter(ImageStatus::needsUpload).map(s -> s.image().file()).toList();
        List<String> refs = bundle.imagesFor(answers).stream().map(ImageRef::ref).toList();
        SwarmPlan swarmPlan = new SwarmPlan(stacks.stageFiles(), stacks.services(),
                swarm.forwards(ComposeImages.of(rendered), bundle::placementOf));
        DeployPlan plan = DeployPlanner.swarmPlan(releaseId, project, rendered.composeFile(),
                compose.map(c -> c.variant().program()).orElse(List.of("docker", "compose")), toLoad, refs,
                rendered.stages(), rendered.hooks(), rendered.probes(), swarmPlan);
        TransferPlan transfer = TransferPlan.of(images, facts);
        Localized unfit = transfer.refusal(facts);
        if (unfit != null) {
            throw TransferException.unfit(unfit);
        }
        return new PreparedRelease(bundle, answers, releaseId, withStack(rendered, swarmPlan), images, plan, transfer,
                null);
    }

    private static TransferException migrationsOnCluster(Bundle bundle, UpgradeCheck.Live live) {
        return new TransferException(Localized.of(
                "集群上运行的是 " + bundle.id() + " " + live.version() + "；升级到 " + bundle.version()
                        + " 需要执行这个安装包的迁移，而集群部署还不能执行迁移，也不会先做备份。未做任何改动。",
                "The cluster runs " + bundle.id() + " " + live.version() + "; the upgrade to " + bundle.version()
                        + " needs this bundle's migrations, which a cluster deploy cannot run yet (nor take the"
                        + " backup first). Nothing was changed."));
    }

    /** The release with its stack files: private, since interpolation put the .env's secrets in them. */
    private static RenderedRelease withStack(RenderedRelease r, SwarmPlan swarm) {
        List<RenderedFile> files = new ArrayList<>(r.files());
        swarm.stageFiles().forEach((stage, yaml) -> files.add(new RenderedFile(SwarmPlan.stackFile(stage),
                yaml.getBytes(StandardCharsets.UTF_8), 0600)));
        files.add(new RenderedFile(SwarmPlan.SERVICES_FILE,
                (String.join("\n", swarm.services()) + "\n").getBytes(StandardCharsets.UTF_8), 0644));
        return new RenderedRelease(files, r.composeFile(), r.stages(), r.hooks(), r.probes(), r.endpoints(),
                r.actions(), r.backup(), r.migrations());
    }

    /** The install's compose project (its record's, or a new name); refused when another install holds the name. */
    private String project(Facts facts) throws TransferException {
        InstallProject installProject = InstallProject.of(layout.installDir(), facts);
        Optional<Localized> refused = installProject.refusal(layout.installDir());
        if (refused.isPresent()) {
            throw new TransferException(refused.get());
        }
        return installProject.name();
    }

    /** What happens to each image; refused when one is neither on the server nor in the folder. */
    private static List<ImageStatus> images(Facts facts, Bundle bundle, ResolvedAnswers answers, Path imagesDir)
            throws TransferException {
        List<ImageStatus> images = ImagePlanner.plan(bundle.imagesFor(answers), imagesDir, facts.docker().images());
        Localized missing = ImagePlanner.missingSentence(images, imagesDir);
        if (missing != null) {
            throw new TransferException(missing);
        }
        return images;
    }

    private static void refuseSymlinkedInstallDir(Facts facts) throws TransferException {
        Optional<String> elsewhere = facts.installDir().leadsElsewhere();
        if (elsewhere.isPresent()) {
            throw new TransferException(Localized.of(
                    facts.installDir().existingPart() + " 是指向 " + elsewhere.get() + " 的符号链接；请改用实际路径作为部署目录，未做任何改动。",
                    facts.installDir().existingPart() + " is a symbolic link to " + elsewhere.get()
                            + "; use the real path as the install directory. Nothing was changed."));
        }
    }

    /** Sends images and the release, starts the job and follows it until it ends. */
    public DeployOutcome deploy(PreparedRelease release, DeployListener listener)
            throws SshException, TransferException {
        progress = Progress.SENDING;
        uploadImages(release, listener);
        uploadRelease(release, listener);
        keepInstallState(release);
        progress = Progress.STARTING;
        startJob(release.releaseId(), listener);
        progress = Progress.STARTED;
        return follow(release.releaseId(), listener);
    }

    /** How far the last {@link #deploy} got (to word a dropped connection). */
    public Progress progress() {
        return progress;
    }

    /** Follows a job that is running (or has run) on the server; used again after a disconnect. */
    public DeployOutcome follow(String releaseId, DeployListener listener) throws SshException {
        List<JournalEvent> events = new ArrayList<>();
        JournalFollower.Outcome o = new JournalFollower(shell, commands, layout).follow(releaseId, 0, e -> {
            events.add(e);
            listener.event(e);
        });
        return new DeployOutcome(releaseId, events, o.end());
    }

    private void uploadImages(PreparedRelease release, DeployListener listener) throws SshException, TransferException {
        ImageUploader uploader = new ImageUploader(shell, commands);
        if (!release.transfer().items().isEmpty()) {
            listener.phase(release.transfer().summary());
        }
        long allTotal = release.transfer().sentBytes();
        long done = 0;
        long squeezed = 0;
        Compression.Mode mode = Compression.mode();
        LinkRate link = new LinkRate(mode == Compression.Mode.AUTO && allTotal > LINK_PROBE_ABOVE
                ? uploader.measureLink() : 0);
        // Every layer of every tarball against its digest before a byte is sent: a damaged file is refused here, not
        // by docker load on the server after the upload (tarballs the Images step checked are not read again).
        for (TransferPlan.Item item : release.transfer().items()) {
            ImageArchive archive = item.image().tarball().archive();
            String file = item.image().image().file();
            String expected = item.image().image().sha256();
            if (archive != null) {
                listener.phase(Localized.of("检查镜像包 " + file, "Checking image tarball " + file));
                archive.verify();
                if (expected != null && !expected.isBlank()) {
                    String sha = archive.fileSha256();
                    if (!expected.equalsIgnoreCase(sha)) {
                        throw checksumRefused(file, expected, sha);
                    }
                }
            }
        }
        for (TransferPlan.Item item : release.transfer().items()) {
            ImageStatus s = item.image();
            String file = s.image().file();
            ImageArchive archive = s.tarball().archive();
            String expected = s.image().sha256();
            UploadSource raw = item.source();
            UploadSource sent = compressed(raw, mode, link.bytesPerSecond(), release.transfer().codec(), file, listener);
            listener.phase(Localized.of("上传镜像 " + file, "Uploading image " + file));
            long before = done;
            // Of the plan's bytes, how far this deploy has handed its images to the link (for a drop's sentence).
            long[] handed = {before};
            TransferListener progress = (bytes, total, rate) -> {
                handed[0] = before + (total <= 0 ? 0 : (long) ((double) bytes / total * raw.size()));
                listener.upload(new UploadTick(file, bytes, total, handed[0], allTotal, rate));
            };
            long[] resumedFrom = {0};
            ImageUploader.Resumed resumed = (from, size) -> resumedFrom[0] = from;
            resumed = resumed.andThen((from, size) -> listener.phase(Localized.of(
                    "从中断处继续发送 " + file + "：已有 " + TransferPlan.size(from) + "，还剩 "
                            + TransferPlan.size(size - from) + "。",
                    "Going on with " + file + " from where it stopped: " + TransferPlan.size(from) + " arrived before, "
                            + TransferPlan.size(size - from) + " left.")));
            String sha;
            long start = System.nanoTime();
            try {
                sha = uploader.upload(sent, sent == raw ? null : raw, layout.imagesDir(), progress, resumed);
            } catch (UploadCutShort cut) {
                throw cut.withLeft(allTotal - handed[0], allTotal);
            }
            link.observed(sent.size() - resumedFrom[0], System.nanoTime() - start);
            if (archive == null && expected != null && !expected.isBlank() && !expected.equalsIgnoreCase(sha)) {
                throw checksumRefused(file, expected, sha);
            }
            done += raw.size();
            squeezed += raw.size() - sent.size();
        }
        long kept = release.transfer().tarballBytes() - allTotal;
        if (!release.transfer().items().isEmpty() && (kept > 0 || squeezed > 0)) {
            listener.phase(Localized.of("已发送 " + TransferPlan.size(allTotal - squeezed) + "；" + TransferPlan.size(kept)
                            + " 无需发送（层已在服务器上或为多个镜像共用），压缩省下 " + TransferPlan.size(squeezed) + "。",
                    "Sent " + TransferPlan.size(allTotal - squeezed) + "; " + TransferPlan.size(kept) + " did not need to"
                            + " cross the link (layers already on the server or shared by several images) and "
                            + TransferPlan.size(squeezed) + " were saved by compressing."));
        }
    }

    /**
     * The source as it goes: compressed with {@code codec} when that is faster on this link (or the operator asked for
     * it), else as it is. Says why when it compresses.
     */
    private static UploadSource compressed(UploadSource raw, Compression.Mode mode, double link, Codec codec,
                                           String file, DeployListener listener) throws TransferException {
        try {
            Compression.Choice c = Compression.choose(raw, mode, link, codec);
            if (c.compressed()) {
                String pct = String.format(java.util.Locale.ROOT, "%.0f %%", c.sample().ratio() * 100);
                listener.phase(mode == Compression.Mode.ALWAYS
                        ? Localized.of("用 " + codec.word() + " 压缩 " + file + " 后发送（BERTH_COMPRESS=always）",
                                "Compressing " + file + " with " + codec.word() + " on the way (BERTH_COMPRESS=always)")
                        : Localized.of("用 " + codec.word() + " 压缩 " + file + " 后发送：链路每秒 "
                                + TransferPlan.size((long) link) + "，压缩后约为原大小的 " + pct, "Compressing " + file
                                + " on the way: the link carries " + TransferPlan.size((long) link) + "/s and "
                                + codec.word() + " makes it about " + pct + " of its size"));
            }
            return c.source();
        } catch (java.io.IOException e) {
            throw new TransferException(Localized.of("无法读取镜像文件 " + file + "：" + e.getMessage(),
                    "Cannot read the image file " + file + ": " + e.getMessage()));
        }
    }

    private static TransferException checksumRefused(String file, String expected, String sha) {
        return new TransferException(Localized.of(
                file + " 的校验和与清单不符（清单 " + expected + "，实际 " + sha + "），镜像包可能已损坏。",
                file + " does not match the checksum in the bundle (expected " + expected + ", got " + sha
                        + "); the tarball may be damaged."));
    }

    private void uploadRelease(PreparedRelease release, DeployListener listener) throws SshException, TransferException {
        listener.phase(Localized.of("上传配置文件", "Uploading the release"));
        String project = release.plan().project();
        TarWriter tar = new TarWriter();
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        for (RenderedFile f : release.rendered().files()) {
            tar.addFile(f.path(), f.content(), f.mode());
            if (f.owner() != null) {
                owners.put(f.path(), f.owner());
            }
        }
        tar.addFile(".berth/" + PlanScript.LIBRARY_FILE, PlanScript.library().getBytes(StandardCharsets.UTF_8), 0644);
        tar.addFile(".berth/plan.sh", PlanScript.render(release.plan(), layout).getBytes(StandardCharsets.UTF_8), 0755);
        // The answers (with generated secrets) stay beside the rendered files that already hold those secrets, so a
        // redeploy from any laptop keeps them; 0600, never shown.
        tar.addFile(".berth/answers.yaml", release.answers().toYaml().getBytes(StandardCharsets.UTF_8), 0600);
        tar.addFile(".berth/probes.tsv", ReleaseMetadata.probesTsv(release.rendered().probes()), 0644);
        tar.addFile(".berth/backup.plan", ReleaseMetadata.backupPlan(release.rendered().backup()), 0600);
        tar.addFile(".berth/release.json",
                ReleaseMetadata.releaseJson(release, project, release.plan().compose(), clock.instant()), 0644);
        byte[] archive = tar.finish();
        ExecResult r = shell.upload(new ByteArrayInputStream(archive), archive.length,
                commands.unpackRelease(layout.releaseDir(release.releaseId()), owners), (a, b, c) -> {},
                Duration.ofMinutes(1));
        if (!r.ok()) {
            throw new TransferException(Localized.of(
                    "无法在服务器上写入版本目录 " + layout.releaseDir(release.releaseId()) + "：" + r.stderr().strip(),
                    "Cannot write the release folder " + layout.releaseDir(release.releaseId()) + " on the server: "
                            + r.stderr().strip()));
        }
    }

    /**
     * Install-level state, written before the job starts so that it outlives a deploy that fails: the compose project
     * (recorded once, on the first deploy, and read back by every later deploy, status and action) and the generated
     * secrets (each kept from its first use, 0600).
     */
    private void keepInstallState(PreparedRelease release) throws SshException, TransferException {
        ObjectNode record = JSON.createObjectNode();
        record.put("project", release.plan().project());
        record.put("installDir", layout.installDir());
        record.put("created", clock.instant().toString());
        byte[] json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        write(commands.writeFileOnce(layout.installRecord()), json, layout.installRecord());
        Map<String, Object> kept;
        try {
            kept = PreviousAnswers.readKept(shell, commands, layout);
        } catch (PreviousAnswersException e) {
            throw new TransferException(e.sentence());
        }
        Map<String, Object> after = PreviousAnswers.keptAfter(release.bundle(), release.answers(), kept);
        if (after != null) {
            write(commands.writePrivateFile(layout.keptSecrets()), PreviousAnswers.toYaml(after), layout.keptSecrets());
        }
    }

    private void write(dev.berth.ssh.RemoteCommand command, byte[] content, String path)
            throws SshException, TransferException {
        ExecResult r = shell.exec(command, content, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new TransferException(Localized.of("无法在服务器上写入 " + path + "：" + r.stderr().strip(),
                    "Cannot write " + path + " on the server: " + r.stderr().strip()));
        }
    }

    private void startJob(String releaseId, DeployListener listener) throws SshException, TransferException {
        listener.phase(Localized.of("在服务器上启动部署任务", "Starting the deploy job on the server"));
        ExecResult r = shell.exec(commands.startJob(layout.planScript(releaseId), layout.releaseStateDir(releaseId)),
                Duration.ofSeconds(30));
        if (!r.ok() || r.stdout().isBlank()) {
            throw new TransferException(Localized.of("服务器上的部署任务没有启动：" + r.stderr().strip(),
                    "The deploy job did not start on the server: " + r.stderr().strip()));
        }
    }

    /**
     * The answers the server has on record for this install (the live release's, then the kept secrets; empty on a
     * first deploy).
     *
     * @throws PreviousAnswersException when they are there but cannot be read: no deploy may go on then
     */
    public Map<String, Object> previousAnswers() throws SshException, PreviousAnswersException {
        return PreviousAnswers.read(shell, commands, layout);
    }

    /**
     * The release whose deploy job is still running on the server (started from any laptop, before the lid closed or
     * the network dropped); empty when the last job has ended or none ran.
     */
    public Optional<String> runningJob() throws SshException {
        Optional<String> last = lastJob();
        if (last.isEmpty()) {
            return last;
        }
        // The job writes its final status just before it exits: a job that says it ended has, even while its
        // process lingers for a moment.
        String status = shell.exec(commands.readFile(layout.releaseStateDir(last.get()) + "/status"),
                Duration.ofSeconds(20)).stdout().strip();
        if (!"running".equals(status)) {
            return Optional.empty();
        }
        String state = shell.exec(commands.jobRunning(layout.releaseStateDir(last.get())), Duration.ofSeconds(20))
                .stdout().strip();
        return "running".equals(state) ? last : Optional.empty();
    }

    /** The release the last job ran for, to reattach to. */
    public Optional<String> lastJob() throws SshException {
        String id = shell.exec(commands.readFile(layout.lastJobFile()), Duration.ofSeconds(20)).stdout().strip();
        return ReleaseId.isValid(id) ? Optional.of(id) : Optional.empty();
    }
}
