package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.ComposeInstall;
import dev.berth.target.ComposeVariant;
import java.util.List;
import java.util.Optional;

/** Compose must be present, v2 when the compose file needs it, and at least the minimum version. */
final class ComposeCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Optional<ComposeInstall> c = in.facts().docker().compose();
        String min = in.req().minCompose();
        boolean v2 = in.req().composeV2();
        String name = c.map(ComposeCheck::describe).orElse("");
        return List.of(Judge.check("compose", of("Docker Compose", "Docker Compose"))
                .when(c.isEmpty(), Outcome.FAIL,
                        () -> of("服务器上没有 Docker Compose（docker compose 和 docker-compose 都不可用）。",
                                "The server has no Docker Compose (neither docker compose nor docker-compose works)."),
                        () -> of("请安装 Docker Compose v2 插件（docker-compose-plugin），离线环境可把 docker-compose 二进制文件放到 /usr/local/lib/docker/cli-plugins/。",
                                "Install the Docker Compose v2 plugin (docker-compose-plugin); offline, copy the docker-compose binary to /usr/local/lib/docker/cli-plugins/."))
                .when(v2 && c.isPresent() && !c.get().variant().isV2(), Outcome.FAIL,
                        () -> of("服务器只有 " + name + "，本安装包的编排文件需要 Compose v2。",
                                "The server has only " + name + " and the bundle's compose file needs Compose v2."),
                        () -> of("请安装 Compose v2 插件（docker-compose-plugin 或把 v2 的 docker-compose 放到 /usr/local/lib/docker/cli-plugins/），旧的 docker-compose 可以保留。",
                                "Install the Compose v2 plugin (docker-compose-plugin, or a v2 docker-compose binary in /usr/local/lib/docker/cli-plugins/); the old docker-compose may stay."))
                .when(min != null && c.isPresent() && !c.get().parsedVersion().atLeast(min), Outcome.FAIL,
                        () -> of("服务器上是 " + name + "，本安装包至少需要 Compose " + min + "。",
                                "The server has " + name + "; the bundle needs Compose " + min + " or newer."),
                        () -> of("请把 Docker Compose 升级到 " + min + " 或更新版本。",
                                "Upgrade Docker Compose to " + min + " or newer."))
                .otherwise(Outcome.PASS, () -> of("将使用 " + name + "。", "Berth will use " + name + ".")));
    }

    static String describe(ComposeInstall c) {
        return (c.variant() == ComposeVariant.V2_PLUGIN ? "docker compose " : "docker-compose ") + c.version();
    }
}
