package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.Facts;
import java.util.List;

/**
 * The install directory is where it was typed: a symbolic link in its existing part (the folder itself or a parent)
 * would put releases and data somewhere else, perhaps on another disk or into another deployment. Says nothing
 * when all is as typed, so it only shows up when there is something to do.
 */
final class InstallDirCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Facts f = in.facts();
        String existing = f.installDir().existingPart();
        String real = f.installDir().leadsElsewhere().orElse(null);
        if (existing.isEmpty() || (real == null && !f.installDir().resolvedPart().isEmpty())) {
            return List.of();
        }
        String typed = f.installDir().path();
        String instead = real == null ? "" : real + typed.substring(Math.min(existing.length(), typed.length()));
        return List.of(Judge.check("install-dir", of("部署目录", "Install directory"))
                .when(real != null, Outcome.FAIL,
                        () -> of(existing + " 是符号链接，实际指向 " + real + "；Berth 不会把部署写到所输入路径以外的地方。",
                                existing + " is a symbolic link to " + real
                                        + "; Berth does not write a deployment anywhere but where it was typed."),
                        () -> of("请把部署目录改为实际路径 " + instead + "，或选择一个不经过符号链接的目录。",
                                "Use the real path " + instead + " as the install directory, or choose one that"
                                        + " passes through no symbolic link."))
                .otherwise(Outcome.WARN, () -> of("Berth 无法确认 " + existing + " 是否为符号链接（readlink -f 没有结果）。",
                        "Berth could not tell whether " + existing + " is a symbolic link (readlink -f gave nothing).")));
    }
}
