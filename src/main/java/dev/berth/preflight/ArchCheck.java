package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.target.CpuArch;
import java.util.List;

/** The CPU architecture must be one the bundle's images are built for. */
final class ArchCheck implements Analyzer {
    static final dev.berth.text.Localized TITLE = of("CPU 架构", "CPU architecture");

    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        if (in.req().arch().isEmpty()) {
            return List.of();
        }
        String arch = CpuArch.normalize(in.facts().host().arch());
        List<String> accepted = in.req().arch().stream().map(CpuArch::normalize).toList();
        String wanted = String.join(", ", accepted);
        boolean arm = arch.equals("aarch64") || arch.startsWith("arm");
        return List.of(Judge.check("arch", TITLE)
                .when(arch.isEmpty(), Outcome.WARN,
                        () -> of("无法确定服务器的 CPU 架构。", "Berth could not tell the server's CPU architecture."),
                        () -> of("请在服务器上运行 uname -m，确认它是 " + wanted + "。",
                                "Run uname -m on the server and make sure it prints " + wanted + "."))
                .when(!accepted.contains(arch) && arm, Outcome.FAIL,
                        () -> of("这台服务器是 ARM（" + arch + "），而本安装包的镜像只支持 " + wanted + "，容器无法启动。",
                                "This server is ARM (" + arch + ") but the bundle's images are built only for "
                                        + wanted + ", so its containers cannot start."),
                        () -> of("请换一台 " + wanted + " 服务器，或向安装包提供方索取 ARM 版镜像。",
                                "Use an " + wanted + " server, or ask the bundle's supplier for ARM images."))
                .when(!accepted.contains(arch), Outcome.FAIL,
                        () -> of("服务器架构是 " + arch + "，本安装包只支持 " + wanted + "。",
                                "The server is " + arch + " but the bundle supports only " + wanted + "."),
                        () -> of("请换一台 " + wanted + " 服务器。", "Use an " + wanted + " server."))
                .otherwise(Outcome.PASS, () -> of("服务器架构是 " + arch + "。", "The server is " + arch + ".")));
    }
}
