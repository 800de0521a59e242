package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.Facts;
import dev.berth.target.PreviousRelease;
import dev.berth.target.ServerCommands;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import dev.berth.text.Quote;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole backups of a deployment, kept on its server under {@code <installDir>/backups}: the engine behind
 * {@code berth backup} and the dashboard's Back up button. A backup runs as a job on the server like a deploy
 * (detached, under the install's deploy lock, journaled), so a dropped link never leaves the stack stopped; the job
 * library's {@code take_backup} does the work, the same function an upgrade's first step calls.
 */
public final class Backups {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The backup job's own limit; the job adds the time its copy needs by the size it finds. */
    private static final int JOB_DEADLINE_SECONDS = 900;

    /** The steps a backup job's journal names, with their labels. */
    public static final List<PlanStep> JOB_STEPS = List.of(
            PlanStep.of("backup", Localized.of("备份当前部署", "Back up the live deployment"), "take_backup", List.of()),
            PlanStep.of("restart", Localized.of("重新启动为备份而停下的服务", "Start the services stopped for the backup again"),
                    "berth_backup_restart", List.of()));

    private final RemoteShell shell;
    private final ServerCommands commands;
    private final ReleaseLayout layout;
    private final Clock clock;

    public Backups(RemoteShell shell, Privilege privilege, ReleaseLayout layout, Clock clock) {
        this.shell = shell;
        this.commands = new ServerCommands(privilege);
        this.layout = layout;
        this.clock = clock;
    }

    /** The backups on the server, newest first. */
    public List<BackupInfo> list() throws SshException, BackupException {
        ExecResult r = shell.exec(commands.listBackups(layout.backupsDir()), Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new BackupException(Category.SERVER_WORK, Localized.of(
                    "无法列出 " + layout.backupsDir() + " 中的备份：" + r.stderr().strip(),
                    "Cannot list the backups in " + layout.backupsDir() + ": " + r.stderr().strip()));
        }
        List<BackupInfo> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                BackupInfo b = BackupInfo.parse(line, layout);
                if (b != null) {
                    out.add(b);
                }
            }
        }
        out.sort(Comparator.comparing(BackupInfo::id).reversed());
        return out;
    }

    /**
     * The backup {@code id} on the server.
     *
     * @throws BackupException when there is none of that id (the sentence lists the ones there are)
     */
    public BackupInfo find(String id) throws SshException, BackupException {
        List<BackupInfo> all = list();
        return all.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow(() -> new BackupException(
                Category.INVALID_INPUT, Localized.of(
                        "服务器上 " + layout.backupsDir() + " 中没有备份 " + id + (all.isEmpty() ? "（一个备份也没有）。"
                                : "；现有：" + String.join(", ", all.stream().map(BackupInfo::id).toList()) + "。"),
                        "There is no backup " + id + " in " + layout.backupsDir() + " on the server" + (all.isEmpty()
                                ? " (there are none)." : "; there are: " + String.join(", ",
                                all.stream().map(BackupInfo::id).toList()) + "."))));
    }

    /**
     * Backs up the live deployment: starts the backup job and follows its journal to the end.
     *
     * @param facts a fresh probe of the target (which release is live, its compose command)
     * @throws BackupException when nothing is live to back up, another job holds the install, or the backup failed
     *                         (the job has then started again whatever it stopped)
     */
    public BackupInfo take(Facts facts, DeployListener listener) throws SshException, BackupException {
        PreviousRelease live = facts.installDir().previousRelease();
        JsonNode release = live == null || live.releaseJson() == null ? null : readJson(live.releaseJson());
        if (release == null) {
            throw new BackupException(Category.INVALID_INPUT, Localized.of(
                    layout.installDir() + " 中没有正在运行的 Berth 部署，没有可备份的内容。",
                    "There is no live Berth deployment in " + layout.installDir() + ", so there is nothing to back up."));
        }
        String id = ReleaseId.next(clock);
        String dir = layout.jobDir(id);
        TarWriter tar = new TarWriter();
        tar.addFile(PlanScript.LIBRARY_FILE, PlanScript.library().getBytes(StandardCharsets.UTF_8), 0644);
        tar.addFile("plan.sh", jobScript(id, live.releaseId(), release, dir).getBytes(StandardCharsets.UTF_8), 0755);
        byte[] archive = tar.finish();
        listener.phase(Localized.of("在服务器上启动备份任务", "Starting the backup job on the server"));
        ExecResult r = shell.upload(new ByteArrayInputStream(archive), archive.length,
                commands.unpackRelease(dir, Map.of()), (a, b, c) -> { }, Duration.ofMinutes(1));
        if (r.ok()) {
            r = shell.exec(commands.startJob(dir + "/plan.sh", dir), Duration.ofSeconds(30));
        }
        if (!r.ok() || r.stdout().isBlank()) {
            throw new BackupException(Category.SERVER_WORK, Localized.of("服务器上的备份任务没有启动：" + r.stderr().strip(),
                    "The backup job did not start on the server: " + r.stderr().strip()));
        }
        List<JournalEvent> events = new ArrayList<>();
        JournalFollower.Outcome o = new JournalFollower(shell, commands, layout).follow(dir + "/journal.jsonl", dir, 0,
                e -> {
                    events.add(e);
                    listener.event(e);
                });
        DeployOutcome outcome = new DeployOutcome(id, events, o.end());
        if (!o.succeeded()) {
            if (o.end().map(e -> "refused".equals(e.status())).orElse(false)) {
                throw new BackupException(Category.PREFLIGHT, Localized.of(
                        layout.installDir() + " 中正有部署在运行；请等它结束后再备份。什么都没有改动。",
                        "A deployment is running in " + layout.installDir() + "; back up when it has finished."
                                + " Nothing was changed."));
            }
            String why = outcome.failedStep().map(e -> e.text(JournalField.MESSAGE)).orElse("");
            throw new BackupException(Category.SERVER_WORK, Localized.of(
                    "备份没有完成：" + why + "。停下的服务已重新启动，没有留下不完整的备份。",
                    "The backup did not finish: " + why + ". What it stopped was started again; no partial backup"
                            + " was kept."));
        }
        return find(id);
    }

    /** How many whole backups the server keeps from now on (at least 1); older ones go after the next backup. */
    public void keep(int count) throws SshException, BackupException {
        ExecResult r = shell.exec(commands.writePrivateFile(layout.stateDir() + "/keep-backups"),
                (Math.max(1, count) + "\n").getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new BackupException(Category.SERVER_WORK, Localized.of("无法写入 " + layout.stateDir() + "/keep-backups："
                    + r.stderr().strip(), "Cannot write " + layout.stateDir() + "/keep-backups: " + r.stderr().strip()));
        }
    }

    /**
     * Puts a backup from the laptop on this server (the way to move a deployment to new hardware), resumable like an
     * image upload and checked by sha256 on both sides; a backup of that id already there is used as it is.
     */
    public BackupInfo upload(BackupArchive archive, dev.berth.ssh.TransferListener listener)
            throws SshException, BackupException, dev.berth.transfer.TransferException {
        String id = archive.info().id();
        for (BackupInfo b : list()) {
            if (b.id().equals(id)) {
                // The same id is the same backup only when it holds the same bytes.
                String local = dev.berth.transfer.ImageArchive.sha256Of(archive.file());
                if (!local.equalsIgnoreCase(b.sha256())) {
                    throw new BackupException(Category.INVALID_INPUT, Localized.of(
                            "服务器上已有备份 " + id + "，但内容与 " + archive.file() + " 不同；未做任何改动。",
                            "The server already has a backup " + id + " whose content differs from " + archive.file()
                                    + "; nothing was changed."));
                }
                return b;
            }
        }
        String dir = layout.backupDir(id);
        java.nio.file.Path file = archive.file();
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw damaged(id, e.getMessage());
        }
        dev.berth.transfer.UploadSource source = dev.berth.transfer.UploadSource.ofFile(file, size, "backup.tar.gz");
        String sha = new dev.berth.transfer.ImageUploader(shell, commands).upload(source, dir + ".partial", listener,
                (from, total) -> { });
        // The manifest the server lists, as take_backup writes it: the archive's own manifest plus its size and sum.
        String m = new String(archive.manifest(), StandardCharsets.UTF_8).strip();
        String json = m.substring(0, m.lastIndexOf('}')) + ",\"archive\":{\"file\":\"backup.tar.gz\",\"bytes\":" + size
                + ",\"sha256\":\"" + sha + "\"},\"downMs\":0}\n";
        ExecResult r = shell.exec(commands.writePrivateFile(dir + ".partial/backup.json"),
                json.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        if (r.ok()) {
            r = shell.exec(commands.acceptBackup(dir), Duration.ofSeconds(30));
        }
        if (!r.ok()) {
            throw new BackupException(Category.SERVER_WORK, Localized.of("无法在服务器上保存备份 " + id + "：" + r.stderr().strip(),
                    "Cannot keep backup " + id + " on the server: " + r.stderr().strip()));
        }
        return find(id);
    }


    /**
     * The answers (generated secrets included) of the release a backup on the server holds.
     *
     * @throws BackupException when the archive cannot give them (damaged, or not a Berth backup)
     */
    public Map<String, Object> answers(BackupInfo backup) throws SshException, BackupException {
        ExecResult r = shell.exec(commands.backupMember(backup.archive(), backup.releaseId() + "/.berth/answers.yaml"),
                Duration.ofMinutes(5));
        if (!r.ok()) {
            throw damaged(backup.id(), r.stderr().strip());
        }
        return yamlMap(r.stdout(), backup.id());
    }

    static Map<String, Object> yamlMap(String text, String id) throws BackupException {
        try {
            Object v = YAML.readValue(text, Object.class);
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, val) -> out.put(String.valueOf(k), val));
                return out;
            }
        } catch (IOException e) {
            // said below; the parser's message could quote a secret
        }
        throw damaged(id, "its answers are not valid YAML");
    }

    static BackupException damaged(String id, String why) {
        return new BackupException(Category.INVALID_INPUT, Localized.of(
                "备份 " + id + " 无法读取（" + why + "），可能已损坏；未做任何改动。",
                "Backup " + id + " cannot be read (" + why + "); it may be damaged. Nothing was changed."));
    }

    private String jobScript(String id, String liveId, JsonNode release, String dir) {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n# Backup job ").append(id)
                .append(", written by Berth. Runs on the server.\n");
        sb.append("BERTH_INSTALL_DIR=").append(Quote.shell(layout.installDir())).append('\n');
        sb.append("BERTH_RELEASE_ID=").append(Quote.shell(liveId)).append('\n');
        sb.append("BERTH_PROJECT=").append(Quote.shell(release.path("project").asText())).append('\n');
        sb.append("BERTH_COMPOSE_FILE=").append(Quote.shell(release.path("composeFile").asText("docker-compose.yml")))
                .append('\n');
        sb.append("BERTH_COMPOSE=(");
        List<String> compose = new ArrayList<>();
        release.path("compose").forEach(c -> compose.add(Quote.shell(c.asText())));
        sb.append(String.join(" ", compose)).append(")\n");
        sb.append("BERTH_JOB_KIND=backup\n");
        sb.append("BERTH_JOB_STATE=").append(Quote.shell(dir)).append('\n');
        sb.append("BERTH_DEADLINE_SECONDS=").append(JOB_DEADLINE_SECONDS).append('\n');
        sb.append(". ").append(Quote.shell(dir + "/" + PlanScript.LIBRARY_FILE)).append('\n');
        sb.append("job_begin\n");
        sb.append("step backup take_backup ").append(Quote.shell(id)).append('\n');
        sb.append("job_end\n");
        return sb.toString();
    }

    private static JsonNode readJson(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() && n.path("project").isTextual() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
