package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.status.DeploymentStatus;
import dev.berth.status.StatusParser;
import dev.berth.testsupport.Recorded;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What {@code berth status} prints for readings the real target gave (src/test/resources/recorded/). */
class StatusCommandTest {
    private static final Output OUT = new Output(new PrintStream(OutputStream.nullOutputStream()),
            new PrintStream(OutputStream.nullOutputStream()), Locale.ENGLISH, false);

    private static DeploymentStatus reading(String name) {
        return StatusParser.parse("", Recorded.stdout(name), Recorded.recordedAt(name));
    }

    @Test
    void theTableShowsAnUnhealthyAndARestartingServiceAndTheFailedProbe() {
        String table = StatusCommand.table(reading("status-unhealthy.txt"), OUT);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("web ") && l.contains("unhealthy") && l.contains("18570->8080/tcp")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("worker ") && l.contains("restarting") && l.contains(" - ")), table);
        assertTrue(table.contains("✗ web  http://127.0.0.1:18570/health  → 404"), table);
        assertTrue(table.endsWith("Something is not healthy."), table);
    }

    @Test
    void theTableOfAHealthyComposeV2StackSaysAllHealthyWithUptimes() {
        String table = StatusCommand.table(reading("status-healthy-compose-v2.txt"), OUT);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("web ") && l.matches(".* \\d+m\\d+s .*")), table);
        assertTrue(table.endsWith("All healthy."), table);
    }

    @Test
    void jsonCarriesEachServiceForScripts() throws Exception {
        JsonNode n = new ObjectMapper().readTree(StatusCommand.json(reading("status-unhealthy.txt")));
        assertFalse(n.get("healthy").asBoolean());
        assertEquals("unhealthy", n.get("services").get(0).get("health").asText(), n.toString());
        assertEquals("restarting", n.get("services").get(1).get("state").asText(), n.toString());
        assertTrue(n.get("services").get(0).has("cpuPercent"), "stats were read");
    }
}
