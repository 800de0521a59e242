package dev.berth.cli;

import dev.berth.deploy.ReleaseLayout;
import dev.berth.text.Localized;

/** The install directory on the server: --install-dir, else /opt/berth/<bundle id>. */
final class InstallDir {
    private InstallDir() {}

    static ReleaseLayout of(String given, String bundleId) {
        String dir = given != null ? given : bundleId != null ? "/opt/berth/" + bundleId : null;
        if (dir == null) {
            throw new CliFailure(ExitCode.USAGE, Localized.of("请用 --install-dir 或 --bundle 指明服务器上的部署目录。",
                    "Say which deployment with --install-dir or --bundle."));
        }
        if (!dir.matches("/[A-Za-z0-9._/-]*")) {
            throw new CliFailure(ExitCode.USAGE, Localized.of(
                    "部署目录必须是绝对路径，且只含字母、数字和 . _ - /：" + dir,
                    "The install directory must be an absolute path of letters, digits and . _ - / only: " + dir));
        }
        return new ReleaseLayout(dir);
    }
}
