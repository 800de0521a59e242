package dev.berth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusParserTest {

    private static String recorded() throws IOException {
        try (InputStream in = StatusParserTest.class.getResourceAsStream("/status/jobtest-status.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsServicesProbesAndReleasesFromRealOutput() throws IOException {
        DeploymentStatus s = StatusParser.parse("jobtest", recorded(), Instant.parse("2026-11-22T02:45:00Z"));

        assertEquals("r1", s.currentRelease());
        assertEquals("r2", s.lastJobRelease(), "the failed job is still the last one that ran");
        assertEquals(1, s.services().size());
        ServiceStatus web = s.services().get(0);
        assertEquals("web", web.service());
        assertEquals("running", web.state());
        assertEquals("healthy", web.health());
        assertEquals(0, web.restarts());
        assertTrue(web.uptime().compareTo(Duration.ofMinutes(3)) > 0, "uptime from StartedAt: " + web.uptime());
        assertEquals(java.util.List.of("18090->8080/tcp"), web.ports());
        assertEquals(1.08, web.cpuPercent(), 0.001);
        assertEquals(868 * 1024, web.memoryBytes());

        assertEquals(2, s.probes().size());
        assertTrue(s.probes().get(0).ok(), "200 containing 'hello'");
        assertFalse(s.probes().get(1).ok(), "404 where 200 was expected");
        assertFalse(s.healthy(), "one failing probe makes the deployment unhealthy");
    }

    @Test
    void noContainersMeansNotHealthy() {
        DeploymentStatus s = StatusParser.parse("x", "=== current\n=== last-job\n=== inspect\n[]\n=== end\n", Instant.now());
        assertEquals(null, s.currentRelease());
        assertTrue(s.services().isEmpty());
        assertFalse(s.healthy());
    }

    @Test
    void dockerStatsSizes() {
        assertEquals(1536L * 1024 * 1024, StatusParser.bytes("1.5GiB"));
        assertEquals(980_000L, StatusParser.bytes("980kB"));
        assertEquals(-1L, StatusParser.bytes("--"));
    }
}
