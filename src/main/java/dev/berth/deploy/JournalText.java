package dev.berth.deploy;

import static dev.berth.deploy.JournalField.BACKUP;
import static dev.berth.deploy.JournalField.BYTES;
import static dev.berth.deploy.JournalField.DOWN;
import static dev.berth.deploy.JournalField.EXIT;
import static dev.berth.deploy.JournalField.FILE;
import static dev.berth.deploy.JournalField.ID;
import static dev.berth.deploy.JournalField.IMAGES;
import static dev.berth.deploy.JournalField.LINES;
import static dev.berth.deploy.JournalField.MESSAGE;
import static dev.berth.deploy.JournalField.KIND;
import static dev.berth.deploy.JournalField.MS;
import static dev.berth.deploy.JournalField.NAME;
import static dev.berth.deploy.JournalField.NODE;
import static dev.berth.deploy.JournalField.OUTPUT;
import static dev.berth.deploy.JournalField.PENDING;
import static dev.berth.deploy.JournalField.REF;
import static dev.berth.deploy.JournalField.RELEASE;
import static dev.berth.deploy.JournalField.SERVICE;
import static dev.berth.deploy.JournalField.TEXT;

import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The operator's text for one journal event, in both languages: the one formatter the CLI prints and the wizard's
 * Deploy step shows, so the two never tell a deployment differently. Output a service or hook wrote comes
 * indented by four spaces, a line each, as it was.
 */
public final class JournalText {
    /** The label of the step the job adds when it puts the previous release back. */
    public static final Localized ROLLBACK = Localized.of("恢复上一个版本", "Put the previous release back");

    /** What to do about a service killed with exit code 137 (the job's message has the server's memory figures). */
    static final Localized KILLED_ADVICE = Localized.of(
            "  退出码 137 表示容器被强制终止，多数是因为内存不足：请为服务器增加内存，或调低这个服务的内存用量，然后重新部署。",
            "  Exit code 137 means the container was killed, most often for lack of memory: add memory to the server, or"
                    + " lower what this service uses, and deploy again.");

    private JournalText() {}

    /**
     * @param labels the plan's label for a step id, or null when it is not a step of the plan at hand
     * @return the lines to show, empty for an event the operator need not see (a heartbeat, an unknown event)
     */
    public static List<Localized> lines(JournalEvent e, Function<String, Localized> labels) {
        List<Localized> out = new ArrayList<>();
        JournalEventType type = e.type().orElse(null);
        if (type == null) {
            return out; // written by a newer job library: nothing this Berth can say about it
        }
        Localized step = label(e.step(), labels);
        switch (type) {
            case JOB_START -> out.add(Localized.of("服务器上的部署任务已开始（版本 " + e.text(RELEASE) + "）。",
                    "The deploy job started on the server (release " + e.text(RELEASE) + ")."));
            case JOB_END -> out.add(jobEnd(e));
            case STEP_START -> out.add(Localized.of("→ " + step.zh(), "→ " + step.en()));
            case STEP_END -> {
                String time = String.format(Locale.ROOT, "%.1f s", e.number(MS) / 1000.0);
                out.add(Localized.of("✓ " + step.zh() + "（" + time + "）", "✓ " + step.en() + " (" + time + ")"));
            }
            case STEP_FAILED -> {
                out.add(Localized.of(
                        "✗ " + step.zh() + "：" + e.text(MESSAGE) + "（退出码 " + e.number(EXIT) + "）",
                        "✗ " + step.en() + ": " + e.text(MESSAGE) + " (exit " + e.number(EXIT) + ")"));
                if (e.text(MESSAGE).contains(" (killed")) {
                    // The job library's berth_killed_reason: a container that got SIGKILL, usually from the OOM killer.
                    out.add(KILLED_ADVICE);
                }
            }
            case WAITING -> out.add(Localized.of("  …等待：" + e.text(PENDING), "  … waiting for: " + e.text(PENDING)));
            case IMAGE_LOADED -> out.add(Localized.of("  已载入 " + e.text(FILE), "  loaded " + e.text(FILE)));
            case IMAGE_RESTORED -> out.add(Localized.of("  已恢复镜像 " + e.text(REF) + "（" + e.text(ID) + "）",
                    "  image " + e.text(REF) + " put back (" + e.text(ID) + ")"));
            case IMAGE_REMOVED -> out.add(Localized.of("  已删除不再使用的镜像 " + e.text(ID),
                    "  removed the image " + e.text(ID) + ", which no kept release runs"));
            case IMAGES_FORWARDED -> out.add(Localized.of("  已发送镜像到节点 " + e.text(NODE) + "：" + e.text(IMAGES),
                    "  sent to node " + e.text(NODE) + ": " + e.text(IMAGES)));
            case SERVICE_REMOVED -> out.add(Localized.of("  已删除新版本中没有的服务 " + e.text(SERVICE),
                    "  removed the service " + e.text(SERVICE) + ", which the new release does not have"));
            case SWARM_OBJECT_REMOVED -> out.add(Localized.of("  已删除不再使用的 Swarm " + e.text(KIND) + " " + e.text(NAME),
                    "  removed the Swarm " + e.text(KIND) + " " + e.text(NAME) + ", which no kept release uses"));
            case RELEASE_REMOVED -> out.add(Localized.of("  已删除旧版本 " + e.text(RELEASE) + " 的目录",
                    "  removed the old release folder " + e.text(RELEASE)));
            case BACKUP_TAKEN -> {
                String size = dev.berth.transfer.TransferPlan.size(e.number(BYTES));
                String down = String.format(Locale.ROOT, "%.1f s", e.number(DOWN) / 1000.0);
                out.add(e.number(DOWN) > 0
                        ? Localized.of("  已备份为 " + e.text(BACKUP) + "（" + size + "），期间服务停止了 " + down,
                                "  backed up as " + e.text(BACKUP) + " (" + size + "); services were down for " + down)
                        : Localized.of("  已备份为 " + e.text(BACKUP) + "（" + size + "），服务未停止",
                                "  backed up as " + e.text(BACKUP) + " (" + size + ") with every service running"));
            }
            case BACKUP_PROGRESS -> out.add(Localized.of(
                    "  归档已写入 " + dev.berth.transfer.TransferPlan.size(e.number(BYTES)) + "（需复制的数据最多 "
                            + dev.berth.transfer.TransferPlan.size(e.number(JournalField.TOTAL)) + "）",
                    "  archive: " + dev.berth.transfer.TransferPlan.size(e.number(BYTES)) + " written (copying up to "
                            + dev.berth.transfer.TransferPlan.size(e.number(JournalField.TOTAL)) + ")"));
            case BACKUP_REMOVED -> out.add(Localized.of("  已删除较早的备份 " + e.text(BACKUP),
                    "  removed the older backup " + e.text(BACKUP)));
            case DATA_RESTORED -> out.add(Localized.of("  已从备份 " + e.text(BACKUP) + " 恢复数据",
                    "  data put back from backup " + e.text(BACKUP)));
            case OUTPUT -> indented(e.text(TEXT), out);
            case SERVICE_LOGS -> {
                out.add(Localized.of("  服务 " + e.text(SERVICE) + " 最近的日志：",
                        "  Last log lines of " + e.text(SERVICE) + ":"));
                indented(e.text(LINES), out);
            }
            case HEALTH_OUTPUT -> {
                out.add(Localized.of("  服务 " + e.text(SERVICE) + " 健康检查的输出：",
                        "  Healthcheck output of " + e.text(SERVICE) + ":"));
                indented(e.text(OUTPUT), out);
            }
            case HEARTBEAT -> { } // tells the follower the job is alive; nothing happened the operator should read
        }
        return out;
    }

    private static Localized label(String step, Function<String, Localized> labels) {
        Localized l = labels.apply(step);
        if (l != null) {
            return l;
        }
        return "rollback".equals(step) ? ROLLBACK : Localized.same(step);
    }

    private static Localized jobEnd(JournalEvent e) {
        Localized status = switch (e.status()) {
            case "succeeded" -> Localized.of("成功", "succeeded");
            case "refused" -> Localized.of("被拒绝（另一个部署正在运行）", "refused (another deployment was running)");
            default -> Localized.of("失败", "failed");
        };
        String why = e.text(MESSAGE);
        return Localized.of("部署任务结束：" + status.zh() + "。" + (why.isBlank() ? "" : " " + why),
                "The deploy job ended: " + status.en() + "." + (why.isBlank() ? "" : " " + why));
    }

    private static void indented(String text, List<Localized> out) {
        if (text == null || text.isBlank()) {
            return;
        }
        text.stripTrailing().lines().forEach(line -> out.add(Localized.same("    " + line)));
    }
}
