package dev.berth.deploy;

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
        return events.stream().filter(e -> JournalEvent.STEP_FAILED.equals(e.event())).findFirst();
    }

    /** The release that is live after the job: the new one, the previous one after a failure, or empty. */
    public String current() {
        return end.map(e -> e.text("current")).orElse("");
    }

    public List<JournalEvent> eventsOf(String type) {
        return events.stream().filter(e -> type.equals(e.event())).toList();
    }
}
