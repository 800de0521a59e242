package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.Facts;
import java.util.List;

/**
 * The open-files limit containers get. It comes from daemon.json's default-ulimits when set, otherwise from the
 * process that starts containers (containerd, or dockerd on old Docker); the login shell's own limit does not
 * matter, so it is only reported.
 */
final class NofileCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Long min = in.req().minNofile();
        if (min == null) {
            return List.of();
        }
        Facts.Limits limits = in.facts().limits();
        Long have = limits.containerNofile();
        String shown = have == null ? "?" : have == Long.MAX_VALUE ? "unlimited" : have.toString();
        return List.of(Judge.check("nofile", of("最大打开文件数", "Open files limit"))
                .when(have == null, Outcome.WARN,
                        () -> of("无法确定容器的最大打开文件数。", "Berth could not tell the open-files limit containers get."),
                        () -> of("请确认 Docker 的 LimitNOFILE 或 daemon.json 的 default-ulimits 不小于 " + min + "。",
                                "Make sure Docker's LimitNOFILE or daemon.json default-ulimits is at least " + min + "."))
                .when(have != null && have < min, Outcome.FAIL,
                        () -> of("容器的最大打开文件数是 " + shown + "（来自 " + limits.containerNofileSource() + "），需要至少 " + min + "。",
                                "Containers get an open-files limit of " + shown + " (from " + limits.containerNofileSource()
                                        + "); the bundle needs at least " + min + "."),
                        () -> of("请在 /etc/docker/daemon.json 中设置 \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": "
                                        + min + ", \"Hard\": " + min + "}}，然后重启 Docker。",
                                "Set \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": " + min + ", \"Hard\": "
                                        + min + "}} in /etc/docker/daemon.json, then restart Docker."))
                .otherwise(Outcome.PASS, () -> of("容器的最大打开文件数是 " + shown + "。",
                        "Containers get an open-files limit of " + shown + ".")));
    }
}
