package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.Facts;
import java.util.List;

/**
 * Tools the server-side deploy job uses: flock (one job at a time), setsid (survives the SSH session),
 * sha256sum (verifies uploads); curl or wget for HTTP health probes.
 */
final class ToolsCheck implements Analyzer {
    static final List<String> REQUIRED = List.of("flock", "setsid", "sha256sum");

    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Facts f = in.facts();
        List<String> missing = REQUIRED.stream().filter(t -> !f.tools().has(t)).toList();
        String list = String.join(", ", missing);
        boolean http = f.tools().has("curl") || f.tools().has("wget");
        return List.of(Judge.check("tools", of("系统工具", "System tools"))
                .when(f.tools().present().isEmpty(), Outcome.WARN,
                        () -> of("无法确定服务器上有哪些工具。", "Berth could not tell which tools the server has."),
                        () -> of("请确认服务器上有 flock、setsid、sha256sum 以及 curl 或 wget。",
                                "Make sure the server has flock, setsid, sha256sum, and curl or wget."))
                .when(!missing.isEmpty(), Outcome.FAIL,
                        () -> of("服务器缺少部署所需的工具：" + list + "。", "The server lacks tools the deployment needs: " + list + "."),
                        () -> of("请安装 util-linux 和 coreutils 软件包（yum install util-linux coreutils 或 apt-get install util-linux coreutils）。",
                                "Install the util-linux and coreutils packages (yum install util-linux coreutils, or apt-get install util-linux coreutils)."))
                .when(!http, Outcome.WARN,
                        () -> of("服务器上没有 curl 或 wget，Berth 无法在服务器上检查网页服务是否正常。",
                                "The server has neither curl nor wget, so Berth cannot check web services from the server."),
                        () -> of("请安装 curl（yum install curl 或 apt-get install curl）。",
                                "Install curl (yum install curl, or apt-get install curl)."))
                .otherwise(Outcome.PASS, () -> of("部署所需的工具齐全。", "The server has every tool the deployment needs.")));
    }
}
