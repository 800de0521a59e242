package dev.berth.preflight;

import static dev.berth.text.Localized.of;

import dev.berth.bundle.Requirements.Gpu;
import dev.berth.target.Facts;
import java.util.List;

/**
 * NVIDIA GPUs for containers need three things in order: the driver (nvidia-smi), at least one GPU it can see,
 * and the NVIDIA container toolkit so Docker can hand the GPU to a container. A required GPU fails at the first
 * missing step; an optional one only warns when a GPU is there but unusable.
 */
final class GpuCheck implements Analyzer {
    @Override
    public List<CheckResult> analyze(PreflightInput in) {
        Gpu need = in.req().gpu();
        if (need == Gpu.NONE) {
            return List.of();
        }
        Facts.Nvidia nvidia = in.facts().nvidia();
        boolean required = need == Gpu.REQUIRED;
        Outcome missing = required ? Outcome.FAIL : Outcome.PASS;
        int n = nvidia.gpus().size();
        String names = n == 0 ? "" : nvidia.gpus().get(0).name() + (n > 1 ? " ×" + n : "");
        return List.of(Judge.check("gpu", of("GPU", "GPU"))
                .when(!nvidia.smiPresent(), missing,
                        () -> required
                                ? of("服务器上没有 NVIDIA 驱动（找不到 nvidia-smi），本安装包必须使用 GPU。",
                                        "The server has no NVIDIA driver (no nvidia-smi) and the bundle needs a GPU.")
                                : of("服务器上没有 NVIDIA 驱动，将不使用 GPU 运行。",
                                        "The server has no NVIDIA driver, so the bundle runs without a GPU."),
                        () -> required
                                ? of("请安装与显卡匹配的 NVIDIA 驱动，确认 nvidia-smi 能列出显卡后再试。",
                                        "Install the NVIDIA driver for the card and check that nvidia-smi lists it, then try again.")
                                : CheckResult.NO_REMEDY)
                .when(n == 0, required ? Outcome.FAIL : Outcome.WARN,
                        () -> of("已安装 NVIDIA 驱动，但 nvidia-smi 没有找到显卡（" + nvidia.smiError() + "）。",
                                "The NVIDIA driver is installed but nvidia-smi finds no GPU (" + nvidia.smiError()
                                        + ")."),
                        () -> of("请确认显卡已插好并分配给这台机器，驱动版本与显卡匹配，必要时重启服务器。",
                                "Make sure the card is seated and passed to this machine and the driver matches it; reboot if needed."))
                .when(!nvidia.toolkit(), required ? Outcome.FAIL : Outcome.WARN,
                        () -> of("找到 " + names + "，但没有安装 NVIDIA Container Toolkit，容器无法使用 GPU。",
                                "Found " + names + ", but the NVIDIA Container Toolkit is missing, so containers cannot use it."),
                        () -> of("请安装 nvidia-container-toolkit，运行 nvidia-ctk runtime configure --runtime=docker，再重启 Docker。",
                                "Install nvidia-container-toolkit, run nvidia-ctk runtime configure --runtime=docker, then restart Docker."))
                .otherwise(Outcome.PASS, () -> of("GPU 可用：" + names + "，驱动 " + nvidia.gpus().get(0).driver() + "。",
                        "GPU ready: " + names + ", driver " + nvidia.gpus().get(0).driver() + ".")));
    }
}
