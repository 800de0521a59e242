package dev.berth.deploy;

import dev.berth.text.Localized;
import java.util.List;
import java.util.Optional;

/**
 * How a deploy job ended, from its journal.
 *
 * @param end the job's last event; empty when the job stopped without writing one (killed, server rebooted)
 */
public record DeployOutcome(String releaseId, List<JournalEvent> events, Optional<JournalEvent> end) {
    public DeployOutcome {
        events = List.copyOf(events);
    }

    public boolean succeeded() {
        return end.map(e -> "succeeded".equals(e.status())).orElse(false);
    }

    /** The step that failed, with its exit code and message. */
    public Optional<JournalEvent> failedStep() {
        return events.stream().filter(e -> e.is(JournalEventType.STEP_FAILED)).findFirst();
    }

    /** The release that is live after the job: the new one, the previous one after a failure, or empty. */
    public String current() {
        return end.map(e -> e.text(JournalField.CURRENT)).orElse("");
    }

    /** A previous release was being put back and did not come back healthy: nothing may be serving now. */
    public boolean rollbackFailed() {
        return events.stream().anyMatch(e -> e.is(JournalEventType.STEP_FAILED) && "rollback".equals(e.step()));
    }

    /**
     * What the operator reads when the job failed: the step, and what is serving now. One sentence for the CLI and the
     * wizard, so neither claims the previous release runs when its rollback failed.
     */
    public Localized failureSentence(Localized stepLabel) {
        String current = current();
        String zh = "部署失败于步骤“" + stepLabel.zh() + "”。";
        String en = "The deployment failed at step \"" + stepLabel.en() + "\".";
        if (!current.isEmpty()) {
            zh += "版本 " + current + " 仍在运行。";
            en += " Release " + current + " is still running.";
        } else if (rollbackFailed()) {
            zh += "上一个版本也没能恢复到健康状态，现在可能没有服务在运行；请查看服务日志。";
            en += " The previous release did not come back healthy either, so nothing may be serving now; read the"
                    + " service logs.";
        }
        return Localized.of(zh, en);
    }

    public List<JournalEvent> eventsOf(String type) {
        return events.stream().filter(e -> type.equals(e.event())).toList();
    }
}
