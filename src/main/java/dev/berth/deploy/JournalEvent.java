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

    // The names as strings, for code that compares them; the definition is JournalEventType.
    public static final String JOB_START = JournalEventType.JOB_START.wireName();
    public static final String JOB_END = JournalEventType.JOB_END.wireName();
    public static final String STEP_START = JournalEventType.STEP_START.wireName();
    public static final String STEP_END = JournalEventType.STEP_END.wireName();
    public static final String STEP_FAILED = JournalEventType.STEP_FAILED.wireName();
    public static final String SERVICE_LOGS = JournalEventType.SERVICE_LOGS.wireName();
    public static final String HEALTH_OUTPUT = JournalEventType.HEALTH_OUTPUT.wireName();
    /** Sent by the job while the journal is otherwise quiet, so a follower knows the job (and the link) is alive. */
    public static final String HEARTBEAT = JournalEventType.HEARTBEAT.wireName();

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

    /** The event's type; empty for an event this Berth does not know (written by a newer job library). */
    public Optional<JournalEventType> type() {
        return JournalEventType.of(event);
    }

    public boolean is(JournalEventType type) {
        return type.wireName().equals(event);
    }

    public String text(JournalField field) {
        return text(field.key());
    }

    public long number(JournalField field) {
        return number(field.key());
    }

    public String text(String field) {
        JsonNode v = fields.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    public long number(String field) {
        return fields.path(field).asLong(0);
    }

    public boolean isEnd() {
        return is(JournalEventType.JOB_END);
    }

    /** For {@code job-end}: succeeded, failed or refused. */
    public String status() {
        return text(JournalField.STATUS);
    }

    public String step() {
        return text(JournalField.STEP);
    }
}
