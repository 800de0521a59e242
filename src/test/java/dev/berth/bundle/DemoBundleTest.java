package dev.berth.bundle;

import dev.berth.testsupport.IntegrationTest;
import static dev.berth.bundle.GoldenBundle.DEMO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class DemoBundleTest {
    @Test
    void demoLoadsWithItsStagesHooksAndImages() throws Exception {
        Bundle demo = DEMO.bundle();
        assertEquals("demo", demo.id());
        assertEquals(List.of("web", "worker"), demo.stages().stream().map(Stage::name).toList());
        assertInstanceOf(Readiness.Healthy.class, demo.stages().get(0).ready());
        assertEquals("web", demo.hooks().get(0).after());
        assertEquals(List.of("berth-demo/web:1.0", "berth-demo/worker:1.0"),
                demo.images().stream().map(ImageRef::ref).toList());
        assertEquals(List.of("WEB_PORT"), demo.requirements().portParams());
        assertTrue(demo.templates().contains(".env"));
    }

    @Test
    void exampleAnswersAreCompleteAndGenerateTheToken() throws Exception {
        Bundle demo = DEMO.bundle();
        ResolvedAnswers a = DEMO.exampleAnswers(demo);
        assertEquals(18080L, a.get("WEB_PORT"));
        assertTrue(((String) a.get("API_TOKEN")).matches("[0-9a-f]{32}"));
        assertEquals(ResolvedAnswers.MASK, a.masked().get("API_TOKEN"));
        assertTrue(a.generated().contains("API_TOKEN"));
    }

    @Test
    void tokenFileIsPrivateAndOthersAreNot() throws Exception {
        RenderedRelease r = DEMO.renderGolden();
        assertEquals(0600, r.file("conf/web/token.sh").mode());
        assertEquals(0644, r.file("conf/web/start.sh").mode());
        assertEquals(0644, r.file("docker-compose.yml").mode());
    }

    @Test
    void stepsAreRendered() throws Exception {
        RenderedRelease r = DEMO.renderGolden();
        assertEquals("http://127.0.0.1:18080/health", r.probes().get(0).url());
        assertEquals("http://192.0.2.10:18080/", r.endpoints().get(0).url());
        assertEquals(List.of("sh", "-c", "mkdir -p /srv/www/hooks && echo registered > /srv/www/hooks/registered.txt"),
                r.hooks().get(0).command());
        assertEquals("docker-compose.yml", r.composeFile());
    }

    @Test
    void renderedComposePassesRealDockerComposeConfig(@TempDir Path out) throws Exception {
        DEMO.renderGolden().writeTo(out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                out.resolve("conf/web/token.sh"))));
        JsonNode cfg = DockerCompose.config(out);
        JsonNode web = cfg.path("services").path("web");
        assertEquals("Hello from Berth", web.path("environment").path("GREETING").asText());
        JsonNode port = web.path("ports").get(0);
        String published = port.isTextual() ? port.asText() : port.path("published").asText();
        assertTrue(published.startsWith("18080"), "published port: " + port);
        assertTrue(web.path("volumes").toString().contains("/opt/berth/demo/data/web"), web.path("volumes").toString());
        assertNotNull(cfg.path("services").get("worker"));
        assertFalse(web.path("healthcheck").isMissingNode());
    }

    @Test
    void breakingHealthOnlyChangesTheHealthLine() throws Exception {
        Bundle demo = DEMO.bundle();
        Map<String, Object> raw = DEMO.goldenAnswers();
        raw.put("WEB_BREAK_HEALTH", true);
        RenderedRelease broken = Renderer.render(demo, AnswersResolver.resolve(demo, raw), DEMO.builtins());
        assertTrue(broken.file("conf/web/start.sh").text().contains("BREAK_HEALTH='true'"));
        assertTrue(DEMO.renderGolden().file("conf/web/start.sh").text().contains("BREAK_HEALTH='false'"));
    }
}
