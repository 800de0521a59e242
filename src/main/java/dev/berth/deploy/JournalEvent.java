package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * One line of a release's journal, as written by the server-side job: {@code seq}, {@code ts}, {@code event} and
 * the event's own fields.
 */
public record JournalEvent(long seq, String ts, String event, JsonNode fields) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String JOB_START = "job-start";
    public static final String JOB_END = "job-end";
    public static final String STEP_START = "step-start";
    public static final String STEP_END = "step-end";
    public static final String STEP_FAILED = "step-failed";
    public static final String SERVICE_LOGS = "service-logs";
    public static final String HEALTH_OUTPUT = "health-output";
    /** Sent by the job while the journal is otherwise quiet, so a follower knows the job (and the link) is alive. */
    public static final String HEARTBEAT = "heartbeat";

    /** Parses a journal line; a torn or foreign line (a partial write seen by tail) gives empty. */
    public static Optional<JournalEvent> parse(String line) {
        if (line == null || !line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(line);
            if (!n.has("seq") || !n.has("event")) {
                return Optional.empty();
            }
            return Optional.of(new JournalEvent(n.get("seq").asLong(), n.path("ts").asText(""), n.get("event").asText(), n));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public String text(String field) {
        JsonNode v = fields.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    public long number(String field) {
        return fields.path(field).asLong(0);
    }

    public boolean isEnd() {
        return JOB_END.equals(event);
    }

    /** For {@code job-end}: succeeded, failed or refused. */
    public String status() {
        return text("status");
    }

    public String step() {
        return text("step");
    }
}
