package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.Facts;
import java.util.List;

/**
 * Root rights: Berth creates data directories with their owners and applies fixes, so a non-root login needs
 * password-less sudo. Without it a user in the docker group can still deploy, but nothing that needs root.
 */
final class SudoCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Facts.Access access = in.facts().access();
        String user = access.user();
        return List.of(Judge.check("sudo", of("管理员权限", "Administrator rights"))
                .when(access.isRoot(), Outcome.PASS, () -> of("以 root 登录。", "Logged in as root."), null)
                .when(access.sudoWorks(), Outcome.PASS,
                        () -> of("用户 " + user + " 可以免密码使用 sudo。",
                                "User " + user + " can use sudo without a password."), null)
                .when(in.facts().docker().access().reachable(), Outcome.WARN,
                        () -> of("用户 " + user + " 不能免密码使用 sudo，Berth 无法创建数据目录或修改系统设置。",
                                "User " + user + " cannot use sudo without a password, so Berth cannot create data directories or change system settings."),
                        () -> of("建议改用 root 登录，或让管理员为该用户配置免密码 sudo（NOPASSWD）。",
                                "Log in as root, or ask an administrator to allow password-less sudo (NOPASSWD) for this user."))
                .otherwise(Outcome.FAIL, () -> of("用户 " + user + " 既不是 root，也不能免密码使用 sudo。",
                        "User " + user + " is not root and cannot use sudo without a password.")));
    }
}
