package dev.berth.bundle;

import dev.berth.testsupport.IntegrationTest;
import static dev.berth.bundle.GoldenBundle.ZHUGESHENMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class ZhugeshenmaBundleTest {
    @Test
    void loadsWithItsStagesHooksAndImages() throws Exception {
        Bundle b = ZHUGESHENMA.bundle();
        assertEquals(List.of("stores", "initdb", "gateway", "login", "apps"),
                b.stages().stream().map(Stage::name).toList());
        assertInstanceOf(Readiness.Exited0.class, b.stages().get(1).ready());
        assertEquals(List.of("create-chatgpt-db", "register-routes"), b.hooks().stream().map(Hook::name).toList());
        assertEquals("stores", b.hooks().get(0).after(), "the chatgpt database exists before the initdb stage");
        assertEquals(15, b.images().size());
        GoldenBundle.assertTarballsNamedAfterImages(b);
        assertEquals(Requirements.Gpu.OPTIONAL, b.requirements().gpu());
        assertEquals(Map.of("MODEL_LOCATION", List.of("local")), b.parameter("LOCAL_GPU").when());
        assertEquals(1, b.parameters().stream().filter(p -> p.required() && p.defaultValue() == null
                && p.generate() == null && p.when().isEmpty() && p.type() == ParamType.HOST).count(),
                "ZGSM_BACKEND is the one address to type");
    }

    @Test
    void everyBindMountedReleaseFileExists() throws Exception {
        BindMounts.assertAllExist(ZHUGESHENMA.renderGolden());
    }

    @Test
    void composeConfigAcceptsItAndServicesTalkByName(@TempDir Path out) throws Exception {
        RenderedRelease r = ZHUGESHENMA.renderGolden();
        r.writeTo(out);
        JsonNode services = DockerCompose.config(out).path("services");
        assertEquals(16, services.size());
        JsonNode chat = services.path("chatgpt").path("environment");
        assertEquals("redis://:RedisPass12345@redis:6379/0", chat.path("REDIS_URL").asText());
        assertEquals("postgresext+pool://keycloak:PgPass-123_x.y~z@postgres:5432/chatgpt",
                chat.path("DATABASE_URI").asText());
        assertEquals("deepseek-chat #1 & \"co\"", chat.path("DEFAULT_MODEL_NAME").asText());
        assertEquals("sk-\"quoted\"$HOME", DockerCompose.unescape(services.path("fauxpilot").path("environment")
                .path("OPENAI_MODEL_API_KEY").asText()));
        assertTrue(services.path("keycloak").path("ports").toString().contains("18080"));
        assertFalse(services.path("chatgpt-initdb").has("ports"), "the one-off service publishes nothing");
        assertTrue(services.path("keycloak").path("command").toString().contains("--import-realm"));
        assertEquals(0644, r.file("docker-compose.yml").mode());
        assertEquals(0600, r.file(".env").mode());
    }

    @Test
    void realmImportCarriesTheClientAndItsSecretAsJson() throws Exception {
        RenderedRelease r = ZHUGESHENMA.renderGolden();
        JsonNode realm = new ObjectMapper().readTree(r.file("keycloak/import/realm.json").text());
        assertEquals("gw", realm.path("realm").asText());
        JsonNode client = realm.path("clients").get(0);
        assertEquals("vscode", client.path("clientId").asText());
        assertEquals("client\"secret\\with", client.path("secret").asText());
        assertTrue(client.path("redirectUris").toString().contains("http://192.0.2.11:9080/*"));
        assertEquals(0600, r.file("keycloak/import/realm.json").mode());
        for (RenderedFile f : r.files()) {
            if (f.path().startsWith("apisix/routes/")) {
                new ObjectMapper().readTree(f.text()); // every route is valid JSON with hostile values in it
            }
        }
        JsonNode route = new ObjectMapper().readTree(r.file("apisix/routes/copilot.json").text());
        assertEquals("client\"secret\\with", route.path("plugins").path("openid-connect").path("client_secret")
                .asText());
    }

    @Test
    void exampleAnswersGenerateEverySecretAndHideTheGpuChoice() throws Exception {
        Bundle b = ZHUGESHENMA.bundle();
        ResolvedAnswers a = ZHUGESHENMA.exampleAnswers(b);
        for (String s : List.of("KEYCLOAK_CLIENT_SECRET", "PASSWORD_KEYCLOAK", "APIKEY_APISIX_ADMIN",
                "PASSWORD_POSTGRES", "PASSWORD_REDIS", "PASSWORD_ELASTIC", "PASSWORD_APISIX_DASHBOARD")) {
            assertTrue(a.generated().contains(s), s);
            assertFalse("sf2025~SHENMA".equals(a.get(s)), s);
        }
        assertTrue(a.hidden().contains("LOCAL_GPU"));
        Renderer.render(b, a, ZHUGESHENMA.builtins());
    }

    @Test
    void backupDumpsPostgresAndStopsEveryStoreWhoseFilesChange(@TempDir Path out) throws Exception {
        Bundle b = ZHUGESHENMA.bundle();
        assertEquals(List.of(new BackupRecipe.Command("postgres", List.of("pg_dumpall", "-U", "keycloak"),
                "postgres.sql", 1800)), b.backup().commands());
        assertEquals(List.of(), b.migrations());
        ZHUGESHENMA.renderGolden().writeTo(out);
        JsonNode services = DockerCompose.config(out).path("services");
        assertEquals("keycloak", services.path("postgres").path("environment").path("POSTGRES_USER").asText(),
                "the dump connects as the role the image created, over the socket it trusts");
        // Every service keeping data under data/ is stopped for the copy, but chatgpt, whose data/chatgpt is
        // supervisord's log folder.
        java.util.Set<String> stores = BindMounts.servicesKeepingData(services, ZHUGESHENMA.builtins().dataDir());
        stores.remove("chatgpt");
        assertEquals(stores, new java.util.TreeSet<>(b.backup().stop()));
        assertTrue(stores.contains("redis") && stores.contains("postgres"), stores.toString());
    }
}
