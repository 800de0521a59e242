package dev.berth.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * job-lib/journal.sh: every line is one JSON object the laptop can parse, whatever a value holds (quotes,
 * backslashes, control characters, Chinese, a hook's output), numbered without gaps or repeats even when the job,
 * its step and its monitor write at once.
 */
class JobLibJournalTest extends SandboxedJobLibTest {
    @Test
    void anEventIsOneJsonLineWithItsValuesAsWrittenAndNumbersAsNumbers() throws Exception {
        Path value = box.root.resolve("value.txt");
        String text = "say \"hi\" \\ back\tslash\n第二行 $(not run) `nor this`\r\u0001end";
        Files.writeString(value, text);
        JobLibSandbox.Run r = box.call("berth_event step-failed step \"$(cat " + JobLibSandbox.q(value.toString())
                + ")\" 'exit#' 3 message ok");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = Files.readAllLines(box.stateDir().resolve("journal.jsonl"));
        assertEquals(1, lines.size(), lines.toString());
        JsonNode e = box.journal().get(0);
        assertEquals(1, e.path("seq").asInt());
        assertTrue(e.path("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), e.toString());
        assertEquals("step-failed", e.path("event").asText());
        // Control characters other than tab, newline and CR are dropped; everything else arrives as it was.
        assertEquals(text.replace("\u0001", ""), e.path("step").asText());
        assertTrue(e.path("exit").isNumber() && e.path("exit").asInt() == 3, e.toString());
        assertEquals("ok", e.path("message").asText());
    }

    @Test
    void writersAtOnceGetEverySequenceNumberOnce() throws Exception {
        JobLibSandbox.Run r = box.call("""
                for w in 1 2 3 4; do
                    ( for i in 1 2 3 4 5 6 7 8 9 10; do berth_event heartbeat step "w$w-$i"; done ) &
                done
                wait
                """);
        assertEquals(0, r.exit(), r.toString());
        List<JsonNode> events = box.journal();
        assertEquals(40, events.size());
        assertEquals(new TreeSet<>(IntStream.rangeClosed(1, 40).boxed().toList()),
                new TreeSet<>(events.stream().map(e -> e.path("seq").asInt()).toList()));
        assertEquals(40, events.stream().map(e -> e.path("step").asText()).distinct().count());
    }

    @Test
    void aWaitSaysWhatIsPendingAtMostEveryFiveSeconds() throws Exception {
        JobLibSandbox.Run r = box.call("berth_heartbeat ' web db'; berth_heartbeat ' web'");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("web db"), box.events("waiting").stream().map(e -> e.path("pending").asText()).toList());
    }

    @Test
    void stepTimesComeFromTheWallClockInMilliseconds() throws Exception {
        JobLibSandbox.Run r = box.call("berth_now_ms");
        long ms = Long.parseLong(r.out().strip());
        assertTrue(Math.abs(ms - System.currentTimeMillis()) < 60_000, r.out());
    }
}
