package dev.berth.cli;

import dev.berth.deploy.InstallDirRule;
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
        try {
            return new ReleaseLayout(dir);
        } catch (InstallDirRule.Refused e) {
            throw new CliFailure(ExitCode.USAGE, e.sentence());
        }
    }
}
