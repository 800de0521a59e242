package dev.berth.bundle;

import dev.berth.testsupport.IntegrationTest;
import static dev.berth.bundle.GoldenBundle.COSTRICT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class CostrictBundleTest {
    @Test
    void loadsWithStagesHooksImagesAndRequirements() throws Exception {
        Bundle b = COSTRICT.bundle();
        assertEquals(List.of("stores", "initdb", "gateway", "login", "apps"),
                b.stages().stream().map(Stage::name).toList());
        assertInstanceOf(Readiness.Exited0.class, b.stages().get(1).ready());
        assertInstanceOf(Readiness.Http.class, b.stages().get(2).ready());
        assertEquals(21, b.images().size());
        GoldenBundle.assertTarballsNamedAfterImages(b);
        assertEquals(List.of("x86_64"), b.requirements().arch());
        assertEquals(16, b.requirements().minCores());
        assertEquals(32.0, b.requirements().minMemoryGiB());
        assertEquals(512.0, b.requirements().minDiskGiB());
        assertEquals(11, b.requirements().portParams().size());
        for (String port : b.requirements().portParams()) {
            assertEquals(ParamType.PORT, b.parameter(port).type(), port);
        }
        assertEquals(List.of("chat-model", "chat-context", "completion-model", "embedding-model", "rerank-model",
                "codereview-model"), b.checks().stream().map(ServerCheck::id).toList());
    }

    @Test
    void secretsAreOnlyInPrivateFiles() throws Exception {
        RenderedRelease r = COSTRICT.renderGolden();
        for (RenderedFile f : r.files()) {
            boolean holdsSecret = f.text().contains("PgPass-123_x.y~z") || f.text().contains("RedisPass12345")
                    || f.text().contains("0123456789abcdef0123456789abcdef") || f.text().contains("sk-embed");
            if (holdsSecret) {
                assertEquals(0600, f.mode(), f.path() + " holds a secret");
            }
        }
        assertEquals(0644, r.file("docker-compose.yml").mode(), "secrets reach compose through .env");
        assertEquals(0600, r.file(".env").mode());
        assertEquals(0600, r.file("apisix/admin.sh").mode());
    }

    @Test
    void everyBindMountedReleaseFileExists() throws Exception {
        RenderedRelease r = COSTRICT.renderGolden();
        BindMounts.assertAllExist(r);
        assertTrue(BindMounts.releaseSources(r).contains("codebase-embedder: ./codebase-embedder/conf.yaml"));
    }

    @Test
    void composeConfigAcceptsItWithHostPortsAndValuesIntact(@TempDir Path out) throws Exception {
        COSTRICT.renderGolden().writeTo(out);
        JsonNode cfg = DockerCompose.config(out);
        JsonNode services = cfg.path("services");
        assertEquals(23, services.size(), "upstream's 22 services and the one-off initdb");
        // host side only: the container side keeps the upstream ports
        assertTrue(services.path("apisix").path("ports").toString().contains("39080"));
        assertTrue(services.path("apisix").path("ports").toString().contains("9080"));
        assertTrue(services.path("postgres").path("ports").toString().contains("127.0.0.1"));
        JsonNode oidc = services.path("oidc-auth").path("environment");
        assertEquals("http://192.0.2.10:39080", oidc.path("SERVER_BASEURL").asText());
        assertEquals("PgPass-123_x.y~z", oidc.path("DATABASE_PASSWORD").asText());
        JsonNode es = services.path("es").path("environment");
        assertEquals("elastic'pass\"${HOME}", DockerCompose.unescape(es.path("ELASTIC_PASSWORD").asText()));
        JsonNode cc = services.path("code-completion").path("environment");
        assertEquals("Bearer sk-completion$key", DockerCompose.unescape(cc.path("OPENAI_MODEL_AUTHORIZATION").asText()));
        assertEquals("DeepSeek-Coder-V2-Lite-Base", cc.path("OPENAI_MODEL").asText());
        assertTrue(services.path("casdoor").path("environment").path("dataSourceName").asText()
                .contains("password=PgPass-123_x.y~z dbname=casdoor"));
        assertTrue(services.path("postgres").path("volumes").toString().contains("/opt/berth/costrict/data/postgres"));
    }

    @Test
    void publicBaseUrlReplacesTheDerivedOneEverywhere(@TempDir Path out) throws Exception {
        Map<String, Object> raw = COSTRICT.goldenAnswers();
        raw.put("COSTRICT_BACKEND_BASEURL", "https://costrict.example.com");
        RenderedRelease r = COSTRICT.render(raw);
        r.writeTo(out);
        JsonNode env = DockerCompose.config(out).path("services").path("oidc-auth").path("environment");
        assertEquals("https://costrict.example.com", env.path("SERVER_BASEURL").asText());
        Hook app = r.hooks().stream().filter(h -> h.name().equals("casdoor-login-app")).findFirst().orElseThrow();
        assertTrue(app.command().contains("base_url=https://costrict.example.com"), app.command().toString());
        Hook derived = COSTRICT.renderGolden().hooks().stream().filter(h -> h.name().equals("casdoor-login-app"))
                .findFirst().orElseThrow();
        assertTrue(derived.command().contains("base_url=http://192.0.2.10:39080"), derived.command().toString());
    }

    @Test
    void weakUpstreamSecretsAreGeneratedFromTheExampleAnswers() throws Exception {
        Bundle b = COSTRICT.bundle();
        ResolvedAnswers a = COSTRICT.exampleAnswers(b);
        for (String s : List.of("APIKEY_APISIX_ADMIN", "APIKEY_APISIX_VIEWER", "PASSWORD_POSTGRES", "PASSWORD_REDIS",
                "PASSWORD_ELASTIC", "PASSWORD_GRAFANA", "KEY_QUOTA_MANAGER", "OIDC_AUTH_AESKEY")) {
            assertTrue(a.generated().contains(s), s);
            assertFalse(List.of("edd1c9f034335f136f87ad84b625c8f1", "sf2025~SHENMA").contains(a.get(s)), s);
        }
        assertEquals(32, ((String) a.get("OIDC_AUTH_AESKEY")).length());
        assertTrue(a.hidden().contains("CODEREVIEW_MODEL_HOST"), "the review model group is hidden when off");
        Renderer.render(b, a, COSTRICT.builtins()); // renders without any missing value
    }

    @Test
    void portParametersAreValidatedAndMovable() throws Exception {
        Bundle b = COSTRICT.bundle();
        Map<String, Object> raw = COSTRICT.goldenAnswers();
        raw.put("PORT_APISIX_ENTRY", 80);
        AnswersException e = org.junit.jupiter.api.Assertions.assertThrows(AnswersException.class,
                () -> AnswersResolver.resolve(b, raw));
        assertTrue(e.getMessage().contains("PORT_APISIX_ENTRY"), e.getMessage());
        raw.put("PORT_APISIX_ENTRY", 49080);
        JsonNode ports = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(
                Renderer.render(b, AnswersResolver.resolve(b, raw), COSTRICT.builtins()).file("docker-compose.yml").text())
                .path("services").path("apisix").path("ports");
        assertEquals("49080:9080", ports.get(1).asText());
    }

    /**
     * The FAQ's "change the completion model" and "change the embedder/reranker": a settings change alters the
     * configuration of exactly one service (compose recreates only services whose configuration changed).
     */
    @Test
    void changingAModelChangesOnlyThatServicesConfiguration(@TempDir Path base) throws Exception {
        Map<String, JsonNode> before = services(COSTRICT.goldenAnswers(), base.resolve("a"));

        Map<String, Object> completion = COSTRICT.goldenAnswers();
        completion.put("COMPLETION_MODEL", "Qwen2.5-Coder-7B");
        completion.put("COMPLETION_BASEURL", "http://192.0.2.30:8000/v1/completions");
        assertEquals(new TreeSet<>(List.of("code-completion")), changed(before, services(completion, base.resolve("b"))));

        Map<String, Object> embedder = COSTRICT.goldenAnswers();
        embedder.put("EMBEDDER_MODEL", "bge-m3");
        embedder.put("RERANKER_BASEURL", "http://192.0.2.31:8000/v1/rerank");
        assertEquals(new TreeSet<>(List.of("codebase-embedder")), changed(before, services(embedder, base.resolve("c"))));
        RenderedRelease r = COSTRICT.render(embedder);
        assertTrue(r.file("codebase-embedder/conf.yaml").text().contains("Model: \"bge-m3\""));
    }

    private static Map<String, JsonNode> services(Map<String, Object> raw, Path out) throws Exception {
        COSTRICT.render(raw).writeTo(out);
        Map<String, JsonNode> m = new LinkedHashMap<>();
        DockerCompose.config(out).path("services").fields().forEachRemaining(e -> m.put(e.getKey(),
                normalise(e.getValue().toString(), out)));
        return m;
    }

    private static JsonNode normalise(String json, Path out) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.replace(out.toString(), "RELEASE"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TreeSet<String> changed(Map<String, JsonNode> a, Map<String, JsonNode> b) {
        TreeSet<String> out = new TreeSet<>();
        for (String k : a.keySet()) {
            if (!a.get(k).equals(b.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    @Test
    void backupDumpsPostgresAndStopsEveryStoreWhoseFilesChange(@TempDir Path out) throws Exception {
        Bundle b = COSTRICT.bundle();
        assertEquals(List.of(new BackupRecipe.Command("postgres", List.of("pg_dumpall", "-U", "zgsm"), "postgres.sql",
                1800)), b.backup().commands());
        assertEquals(b.backup(), COSTRICT.renderGolden().backup(), "nothing in it is a template");
        COSTRICT.renderGolden().writeTo(out);
        JsonNode services = DockerCompose.config(out).path("services");
        assertEquals("zgsm", services.path("postgres").path("environment").path("POSTGRES_USER").asText(),
                "the dump connects as the role the image created, over the socket it trusts");
        // Every service keeping data under data/ is stopped for the copy, but the one-off initdb and Higress, whose
        // folder is configuration written only when its console saves. Redis too: its AOF is what it loads.
        java.util.Set<String> stores = BindMounts.servicesKeepingData(services, COSTRICT.builtins().dataDir());
        stores.removeAll(java.util.Set.of("initdb", "higress"));
        assertEquals(stores, new java.util.TreeSet<>(b.backup().stop()));
        assertTrue(stores.contains("redis") && stores.contains("postgres"), stores.toString());
    }

    @Test
    void theV41UpgradeCreatesTheCasdoorDatabaseEmptyOnceBeforeCasdoorStarts() throws Exception {
        Bundle b = COSTRICT.bundle();
        assertEquals(1, b.migrations().size());
        Migration m = b.migrations().get(0);
        assertEquals("casdoor-v41", m.name());
        assertEquals(">=4.0.0 <4.1.0", m.from());
        assertEquals("postgres", m.service());
        List<String> stages = b.stages().stream().map(Stage::name).toList();
        assertEquals("stores", m.after(), "postgres answers by then");
        assertTrue(stages.indexOf(m.after()) < stages.indexOf("login"),
                "before the login stage starts Casdoor v2.0.10 on the empty database");
        assertEquals(List.of("sh", "-ec"), m.command().subList(0, 2));
        String script = m.command().get(2);
        // Upstream docs/casdoor-v4_to_v4.1.md: DROP DATABASE IF EXISTS casdoor; CREATE DATABASE casdoor.
        assertTrue(script.contains("q 'DROP DATABASE IF EXISTS casdoor WITH (FORCE)'"), script);
        assertTrue(script.contains("q 'CREATE DATABASE casdoor OWNER zgsm'"), script);
        // Run again by a job stopped half-way, it finds its mark on the new database and leaves it alone.
        assertTrue(script.indexOf("exit 0") < script.indexOf("DROP DATABASE"), script);
        assertTrue(script.contains("COMMENT ON DATABASE casdoor IS '$mark'"), script);
        assertEquals(List.of(m), COSTRICT.renderGolden().migrations(), "rendered as it is: its stage is always there");
    }
}
