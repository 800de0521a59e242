package dev.berth.bundle;

import dev.berth.testsupport.IntegrationTest;
import static dev.berth.bundle.GoldenBundle.CADCHAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.Preflight;
import dev.berth.preflight.PreflightContext;
import dev.berth.preflight.PreflightReport;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class CadchatBundleTest {
    @Test
    void exampleAnswersAreCompleteAndTheKeyIsNeverGenerated() throws Exception {
        Bundle b = CADCHAT.bundle();
        ResolvedAnswers a = CADCHAT.exampleAnswers(b);
        assertEquals(Boolean.TRUE, a.get("NGINX_ENABLED"));
        Map<String, Object> noKey = new LinkedHashMap<>(CADCHAT.goldenAnswers());
        noKey.remove("DASHSCOPE_API_KEY");
        AnswersException e = assertThrows(AnswersException.class, () -> AnswersResolver.resolve(b, noKey));
        assertTrue(e.getMessage().contains("DASHSCOPE_API_KEY is required"), e.getMessage());
    }

    @Test
    void withoutNginxOnlyTheAppIsDeployedAndPublished() throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>(CADCHAT.goldenAnswers());
        answers.put("NGINX_ENABLED", false);
        Bundle b = CADCHAT.bundle();
        ResolvedAnswers resolved = AnswersResolver.resolve(b, answers);
        RenderedRelease r = Renderer.render(b, resolved, CADCHAT.builtins());
        assertEquals(List.of("app"), r.stages().stream().map(Stage::name).toList());
        assertEquals(List.of("http://127.0.0.1:15000/api/health"), r.probes().stream().map(Probe::url).toList());
        assertFalse(r.file("docker-compose.yml").text().contains("nginx"));
        assertTrue(r.file("docker-compose.yml").text().contains("- \"15000:5000\""));
        assertEquals(List.of("cadchat-bailian-server:1.0"), b.imagesFor(resolved).stream().map(ImageRef::ref).toList());
        assertEquals(Map.of("APP_PORT", 15000), b.portsFor(resolved));
        ReleaseMounts.assertSourcesExist(r);
    }

    @Test
    void withNginxTheAppListensOnLoopbackBehindIt() throws Exception {
        Bundle b = CADCHAT.bundle();
        ResolvedAnswers resolved = AnswersResolver.resolve(b, CADCHAT.goldenAnswers());
        RenderedRelease r = Renderer.render(b, resolved, CADCHAT.builtins());
        assertEquals(List.of("app", "proxy"), r.stages().stream().map(Stage::name).toList());
        assertTrue(r.file("docker-compose.yml").text().contains("- \"127.0.0.1:15000:5000\""));
        assertEquals(Map.of("APP_PORT", 15000, "HTTP_PORT", 18081), b.portsFor(resolved));
        assertEquals(List.of("cadchat-bailian-server:1.0", "nginx:1.26.3-alpine"),
                b.imagesFor(resolved).stream().map(ImageRef::ref).toList());
        assertEquals(0600, r.file(".env").mode());
        assertEquals(List.of("tar", "-czf", "-", "-C", "/app", "user_codes"), r.action("backup-user-codes").command());
    }

    @Test
    void everyBindMountedFileIsInTheRelease() throws Exception {
        RenderedRelease r = CADCHAT.renderGolden();
        ReleaseMounts.assertSourcesExist(r);
        assertEquals(List.of("command_files", "autocad_basic_commands.txt", "lisp_commands.txt", "nginx/cadchat.conf"),
                ReleaseMounts.relativeMounts(r).stream().map(ReleaseMounts.Mount::source).toList());
    }

    @Test
    void aMissingOrDirectoryShapedMountSourceIsCaught() throws Exception {
        RenderedRelease r = CADCHAT.renderGolden();
        RenderedRelease noLisp = new RenderedRelease(r.files().stream()
                .filter(f -> !f.path().equals("lisp_commands.txt")).toList(), r.composeFile(), r.stages(), r.hooks(),
                r.probes(), r.endpoints());
        AssertionError missing = assertThrows(AssertionError.class, () -> ReleaseMounts.assertSourcesExist(noLisp));
        assertTrue(missing.getMessage().contains("./lisp_commands.txt is not in the release"), missing.getMessage());
        List<RenderedFile> asDir = new java.util.ArrayList<>(noLisp.files());
        asDir.add(new RenderedFile("lisp_commands.txt/x", new byte[0], 0644));
        AssertionError dir = assertThrows(AssertionError.class, () -> ReleaseMounts.assertSourcesExist(
                new RenderedRelease(asDir, r.composeFile(), r.stages(), r.hooks(), r.probes(), r.endpoints())));
        assertTrue(dir.getMessage().contains("must be a file for /app/lisp_commands.txt"), dir.getMessage());
    }

    @Test
    void renderedComposePassesRealDockerComposeConfig(@TempDir Path out) throws Exception {
        CADCHAT.renderGolden().writeTo(out);
        JsonNode cfg = DockerCompose.config(out);
        JsonNode app = cfg.path("services").path("cadchat-bailian-server");
        assertEquals("tiny-app-1", app.path("environment").path("BAILIAN_APP_ID").asText());
        assertEquals("sk-test-'quoted'&$x", DockerCompose.unescape(app.path("environment").path("DASHSCOPE_API_KEY").asText()));
        assertEquals("False", app.path("environment").path("DEBUG").asText());
        assertTrue(app.path("volumes").toString().contains("/opt/cadchat/data/user_codes"));
        assertFalse(cfg.path("services").path("nginx").isMissingNode());
    }

    /** The real test target: 2 cores, ~24 GB, Debian 12, Docker 20.10, compose 1.29.2, no GPU. */
    @Test
    void preflightPassesOnTheRealTestTarget() throws Exception {
        Bundle b = CADCHAT.bundle();
        ResolvedAnswers answers = AnswersResolver.resolve(b, CADCHAT.goldenAnswers());
        try (RemoteShell shell = TestTarget.get().connect()) {
            Facts facts = Prober.probe(shell, "/opt/berth-test/cadchat").facts();
            PreflightReport report = Preflight.run(b.requirementsFor(answers), facts, b.portsFor(answers),
                    PreflightContext.of(b.id()));
            String table = report.results().stream().map(c -> c.id() + " " + c.outcome())
                    .collect(Collectors.joining("\n"));
            assertEquals(String.join("\n", "arch PASS", "os PASS", "cores PASS", "memory PASS", "disk PASS",
                    "docker PASS", "compose PASS", "port:APP_PORT PASS", "port:HTTP_PORT PASS", "sudo PASS",
                    "tools PASS"), table);
            assertEquals(Outcome.PASS, report.worst());
        }
    }

    @Test
    void backupStopsTheServerWhoseIndexFileIsRewrittenInPlace(@TempDir Path out) throws Exception {
        Bundle b = CADCHAT.bundle();
        assertEquals(List.of(), b.backup().commands());
        assertEquals(List.of("cadchat-bailian-server"), b.backup().stop(), "nginx keeps running");
        assertEquals(List.of(), b.migrations());
        CADCHAT.renderGolden().writeTo(out);
        assertEquals(java.util.Set.of("cadchat-bailian-server"),
                BindMounts.servicesKeepingData(DockerCompose.config(out).path("services"), CADCHAT.builtins().dataDir()),
                "the one service with data is the one stopped");
    }
}
