package dev.berth.cli;

import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployPlan;
import dev.berth.deploy.JournalEvent;
import dev.berth.deploy.PlanStep;
import dev.berth.text.Localized;
import java.util.HashMap;
import java.util.Map;

/** Prints a deployment as it happens: laptop phases, upload progress and the server's journal, one line each. */
final class JournalPrinter implements DeployListener {
    private final Output out;
    private final Map<String, Localized> labels = new HashMap<>();
    private final UploadProgress progress;

    JournalPrinter(Output out, DeployPlan plan) {
        this.out = out;
        this.progress = new UploadProgress(out);
        if (plan != null) {
            for (PlanStep s : plan.steps()) {
                labels.put(s.id(), s.label());
            }
        }
        labels.put("rollback", Localized.of("恢复上一个版本", "Put the previous release back"));
    }

    private String label(String step) {
        Localized l = labels.get(step);
        return l == null ? step : out.t(l);
    }

    @Override
    public void phase(Localized what) {
        progress.finish();
        out.info(Localized.of("· " + what.zh(), "· " + what.en()));
    }

    @Override
    public void upload(String file, long sent, long total, double rate) {
        progress.update(file, sent, total, rate);
    }

    @Override
    public void event(JournalEvent e) {
        progress.finish();
        switch (e.event()) {
            case JournalEvent.STEP_START -> out.info("→ " + label(e.step()), "→ " + label(e.step()));
            case JournalEvent.STEP_END -> {
                String time = String.format(java.util.Locale.ROOT, "%.1f s", e.number("ms") / 1000.0);
                out.info("✓ " + label(e.step()) + "（" + time + "）", "✓ " + label(e.step()) + " (" + time + ")");
            }
            case JournalEvent.STEP_FAILED -> out.info(
                    "✗ " + label(e.step()) + "：" + e.text("message") + "（退出码 " + e.number("exit") + "）",
                    "✗ " + label(e.step()) + ": " + e.text("message") + " (exit " + e.number("exit") + ")");
            case "waiting" -> out.info("  …等待：" + e.text("pending"), "  … waiting for: " + e.text("pending"));
            case "image-loaded" -> out.info("  已载入 " + e.text("file"), "  loaded " + e.text("file"));
            case "output" -> indent(e.text("text"));
            case JournalEvent.SERVICE_LOGS -> {
                out.info("  服务 " + e.text("service") + " 最近的日志：", "  Last log lines of " + e.text("service") + ":");
                indent(e.text("lines"));
            }
            case JournalEvent.HEALTH_OUTPUT -> {
                out.info("  服务 " + e.text("service") + " 健康检查的输出：", "  Healthcheck output of " + e.text("service") + ":");
                indent(e.text("output"));
            }
            case JournalEvent.JOB_START -> out.info("服务器上的部署任务已开始（版本 " + e.text("release") + "）。",
                    "The deploy job started on the server (release " + e.text("release") + ").");
            default -> { }
        }
    }

    private void indent(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String line : text.split("\n")) {
            out.err().println("    " + line);
        }
    }
}
