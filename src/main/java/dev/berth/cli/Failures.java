package dev.berth.cli;

import dev.berth.ssh.SshException;
import dev.berth.text.BerthException;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Maps every failure the engine reports to one sentence and an exit code; nothing reaches the operator as a trace. */
final class Failures {
    private Failures() {}

    static CliFailure toCli(Throwable e) {
        if (e instanceof CliFailure f) {
            return f;
        }
        if (e instanceof BerthException b) {
            Localized hint = b instanceof SshException s && s.kind() == SshException.Kind.HOST_KEY_UNKNOWN
                    ? Localized.of("（核对指纹后，可用 --host-key 传入）", " (after checking it, pass it with --host-key)")
                    : Localized.of("", "");
            return new CliFailure(exitCode(b.category()),
                    Localized.of(b.sentence().zh() + hint.zh(), b.sentence().en() + hint.en()));
        }
        if (e instanceof NoSuchFileException n) {
            return new CliFailure(ExitCode.INVALID_INPUT, Localized.of("找不到文件：" + n.getFile(), "No such file: " + n.getFile()));
        }
        if (e instanceof AccessDeniedException d) {
            return new CliFailure(ExitCode.INVALID_INPUT, Localized.of("无权读取：" + d.getFile(), "Permission denied: " + d.getFile()));
        }
        if (e instanceof IOException io) {
            return new CliFailure(ExitCode.INVALID_INPUT, Localized.of("读写文件失败：" + io.getMessage(),
                    "Reading or writing a file failed: " + io.getMessage()));
        }
        if (e instanceof dev.berth.deploy.InstallDirRule.Refused r) {
            return new CliFailure(ExitCode.USAGE, r.sentence()); // from a profile's saved install dir
        }
        if (e instanceof IllegalArgumentException ia) {
            return new CliFailure(ExitCode.USAGE, Localized.same(String.valueOf(ia.getMessage())));
        }
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new CliFailure(ExitCode.INTERNAL, Localized.of("Berth 内部出错（" + what + "）。设置 BERTH_DEBUG=1 可查看详情。",
                "Berth hit an internal error (" + what + "). Set BERTH_DEBUG=1 to see the details."));
    }

    private static int exitCode(BerthException.Category category) {
        return switch (category) {
            case INVALID_INPUT -> ExitCode.INVALID_INPUT;
            case PREFLIGHT -> ExitCode.PREFLIGHT_FAILED; // found before anything changed
            case CONNECTION -> ExitCode.CONNECTION;
            case SERVER_WORK -> ExitCode.DEPLOY_FAILED;
        };
    }
}
