package dev.berth.cli;

import static dev.berth.deploy.JournalField.EXIT;
import static dev.berth.deploy.JournalField.FILE;
import static dev.berth.deploy.JournalField.LINES;
import static dev.berth.deploy.JournalField.MESSAGE;
import static dev.berth.deploy.JournalField.MS;
import static dev.berth.deploy.JournalField.PENDING;
import static dev.berth.deploy.JournalField.RELEASE;
import static dev.berth.deploy.JournalField.SERVICE;
import static dev.berth.deploy.JournalField.TEXT;

import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployPlan;
import dev.berth.deploy.JournalEvent;
import dev.berth.deploy.JournalEventType;
import dev.berth.deploy.JournalField;
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
        e.type().ifPresent(type -> print(type, e));
    }

    private void print(JournalEventType type, JournalEvent e) {
        switch (type) {
            case STEP_START -> out.info("→ " + label(e.step()), "→ " + label(e.step()));
            case STEP_END -> {
                String time = String.format(java.util.Locale.ROOT, "%.1f s", e.number(MS) / 1000.0);
                out.info("✓ " + label(e.step()) + "（" + time + "）", "✓ " + label(e.step()) + " (" + time + ")");
            }
            case STEP_FAILED -> out.info(
                    "✗ " + label(e.step()) + "：" + e.text(MESSAGE) + "（退出码 " + e.number(EXIT) + "）",
                    "✗ " + label(e.step()) + ": " + e.text(MESSAGE) + " (exit " + e.number(EXIT) + ")");
            case WAITING -> out.info("  …等待：" + e.text(PENDING), "  … waiting for: " + e.text(PENDING));
            case IMAGE_LOADED -> out.info("  已载入 " + e.text(FILE), "  loaded " + e.text(FILE));
            case OUTPUT -> indent(e.text(TEXT));
            case SERVICE_LOGS -> {
                out.info("  服务 " + e.text(SERVICE) + " 最近的日志：", "  Last log lines of " + e.text(SERVICE) + ":");
                indent(e.text(LINES));
            }
            case HEALTH_OUTPUT -> {
                out.info("  服务 " + e.text(SERVICE) + " 健康检查的输出：", "  Healthcheck output of " + e.text(SERVICE) + ":");
                indent(e.text(JournalField.OUTPUT));
            }
            case JOB_START -> out.info("服务器上的部署任务已开始（版本 " + e.text(RELEASE) + "）。",
                    "The deploy job started on the server (release " + e.text(RELEASE) + ").");
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
