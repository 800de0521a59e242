package dev.berth.deploy;

import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deploy over a live deployment changes, when it is an upgrade (another bundle version, or any image that
 * is not the one running): shown on the Review step and by {@code berth deploy} before anything is touched.
 *
 * @param imageChanges each image that changes
 * @param recreated    services whose image changes, so Compose recreates them (configuration changes add to these)
 * @param migrations   the bundle's migrations this upgrade runs (a migration that already ran is skipped on the server)
 * @param backupId     the backup taken before anything changes, or null when the operator turned it off
 */
public record Upgrade(String fromVersion, String toVersion, List<ImageChange> imageChanges, List<String> recreated,
                      List<String> migrations, String backupId) {

    /**
     * One image of the new release that is not the one running.
     *
     * @param before the reference it replaces (same repository), or null when none does; equal to {@code after} when
     *               the name stays and the content changes
     */
    public record ImageChange(String before, String after) {
        Localized text() {
            if (after.equals(before)) {
                return Localized.of("  镜像 " + after + "（同名的新镜像）", "  image " + after + " (a new image under the same name)");
            }
            return before == null ? Localized.of("  新镜像 " + after, "  new image " + after)
                    : Localized.of("  镜像 " + before + " → " + after, "  image " + before + " → " + after);
        }
    }

    public Upgrade {
        imageChanges = List.copyOf(imageChanges);
        recreated = List.copyOf(recreated);
        migrations = List.copyOf(migrations);
    }

    /** The lines the operator reads before confirming. */
    public List<Localized> summary() {
        List<Localized> out = new ArrayList<>();
        out.add(fromVersion.equals(toVersion)
                ? Localized.of("升级：版本仍为 " + toVersion + "，镜像有变化。", "Upgrade: version stays " + toVersion
                        + ", images change.")
                : Localized.of("升级：" + fromVersion + " → " + toVersion + "。", "Upgrade: " + fromVersion + " → "
                        + toVersion + "."));
        for (ImageChange c : imageChanges) {
            out.add(c.text());
        }
        if (!recreated.isEmpty()) {
            out.add(Localized.of("  将重建的服务：" + String.join(", ", recreated),
                    "  services recreated: " + String.join(", ", recreated)));
        }
        for (String m : migrations) {
            out.add(Localized.of("  将执行一次的迁移：" + m, "  migration run once: " + m));
        }
        out.add(backupId == null
                ? Localized.of("  警告：升级前不备份。升级失败时只能恢复配置，数据可能已被新版本改动且无法找回。",
                        "  Warning: no backup before the upgrade. If it fails, only the release files can be put back;"
                                + " data the new version changed cannot be recovered.")
                : Localized.of("  升级前先备份为 " + backupId + "（保存在服务器上）。",
                        "  a backup " + backupId + " is taken first (kept on the server)."));
        return out;
    }
}
