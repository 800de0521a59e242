package dev.berth.bundle;

import dev.berth.testsupport.IntegrationTest;
import static dev.berth.bundle.GoldenBundle.COZE_STUDIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.Preflight;
import dev.berth.preflight.PreflightContext;
import dev.berth.preflight.PreflightReport;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.TestTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class CozeStudioBundleTest {
    @Test
    void stagesAreTheSeedsStagedStartWithOllamaOnlyWhenChosen() throws Exception {
        RenderedRelease on = COZE_STUDIO.renderGolden();
        assertEquals(List.of("base", "storage", "queue", "ollama", "server", "web"),
                on.stages().stream().map(Stage::name).toList());
        assertEquals(List.of(List.of("mysql", "redis", "etcd"), List.of("elasticsearch", "minio", "milvus"),
                List.of("nsqlookupd", "nsqd", "nsqadmin"), List.of("ollama"), List.of("coze-server"),
                List.of("coze-web")), on.stages().stream().map(Stage::services).toList());
        assertEquals(new Readiness.Http("http://127.0.0.1:18888/", 200), on.stages().get(5).ready());
        assertEquals(List.of("http://127.0.0.1:18888/"), on.probes().stream().map(Probe::url).toList());
        assertTrue(on.file("docker-compose.yml").text().contains("driver: nvidia"));

        Map<String, Object> off = new LinkedHashMap<>(COZE_STUDIO.goldenAnswers());
        off.put("OLLAMA_ENABLED", false);
        RenderedRelease r = COZE_STUDIO.render(off);
        assertEquals(List.of("base", "storage", "queue", "server", "web"), r.stages().stream().map(Stage::name).toList());
        assertFalse(r.file("docker-compose.yml").text().contains("ollama/ollama"));
        Bundle b = COZE_STUDIO.bundle();
        assertFalse(b.imagesFor(AnswersResolver.resolve(b, off)).stream().anyMatch(i -> i.ref().startsWith("ollama")));
    }

    @Test
    void embeddingTypeRevealsOnlyItsOwnFields() throws Exception {
        Bundle b = COZE_STUDIO.bundle();
        ResolvedAnswers a = AnswersResolver.resolve(b, COZE_STUDIO.goldenAnswers());
        assertTrue(a.hidden().containsAll(List.of("ARK_EMBEDDING_BASE_URL", "OPENAI_EMBEDDING_API_KEY",
                "GEMINI_EMBEDDING_MODEL", "HTTP_EMBEDDING_ADDR", "TOS_ACCESS_KEY", "S3_ENDPOINT", "MQ_NAME_SERVER",
                "VIKING_DB_AK", "BUILTIN_CM_ARK_API_KEY")));
        assertFalse(a.hidden().contains("OLLAMA_EMBEDDING_MODEL"));
        Map<String, Object> ark = new LinkedHashMap<>(COZE_STUDIO.goldenAnswers());
        ark.put("EMBEDDING_TYPE", "ark");
        AnswersException e = assertThrows(AnswersException.class, () -> AnswersResolver.resolve(b, ark));
        assertTrue(e.getMessage().contains("ARK_EMBEDDING_BASE_URL is required"), e.getMessage());
        assertFalse(e.getMessage().contains("OPENAI_EMBEDDING"), e.getMessage());
    }

    @Test
    void pluginAesKeysMustBe16Or24Or32BytesAndAreGenerated() throws Exception {
        Bundle b = COZE_STUDIO.bundle();
        Map<String, Object> bad = new LinkedHashMap<>(COZE_STUDIO.goldenAnswers());
        bad.put("PLUGIN_AES_STATE_SECRET", "too-short");
        AnswersException e = assertThrows(AnswersException.class, () -> AnswersResolver.resolve(b, bad));
        assertTrue(e.getMessage().contains("PLUGIN_AES_STATE_SECRET: must be exactly 16, 24 or 32 bytes"),
                e.getMessage());
        ResolvedAnswers ex = COZE_STUDIO.exampleAnswers(b);
        for (String k : List.of("PLUGIN_AES_AUTH_SECRET", "PLUGIN_AES_STATE_SECRET", "PLUGIN_AES_OAUTH_TOKEN_SECRET")) {
            assertEquals(32, ((String) ex.get(k)).getBytes(StandardCharsets.UTF_8).length, k);
            assertTrue(ex.generated().contains(k), k);
        }
        assertTrue(ex.generated().containsAll(List.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MINIO_ROOT_PASSWORD")));
    }

    @Test
    void webListensRemotelyByDefaultAndItsPortIsChecked() throws Exception {
        Bundle b = COZE_STUDIO.bundle();
        assertEquals("0.0.0.0", b.parameter("WEB_LISTEN_HOST").defaultValue());
        RenderedRelease r = COZE_STUDIO.renderGolden();
        assertTrue(r.file("docker-compose.yml").text().contains("- \"0.0.0.0:18888:80\""));
        assertTrue(r.file(".env").text().contains("WEB_LISTEN_ADDR=0.0.0.0:18888"));
        assertEquals(Map.of("WEB_PORT", 18888), b.portsFor(AnswersResolver.resolve(b, COZE_STUDIO.goldenAnswers())));
    }

    @Test
    void dataDirsHaveTheOwnersTheImagesNeed() throws Exception {
        Map<String, String> owners = COZE_STUDIO.bundle().dataDirs().stream()
                .filter(d -> d.owner() != null).collect(Collectors.toMap(DataDir::path, DataDir::owner));
        assertEquals(Map.of("bitnami/redis", "1001:1001", "bitnami/elasticsearch", "1001:1001",
                "bitnami/etcd", "1001:1001"), owners);
    }

    @Test
    void mysqlBackupIsAnActionWithoutATty() throws Exception {
        Action a = COZE_STUDIO.renderGolden().action("backup-mysql");
        assertEquals("mysql", a.service());
        assertEquals("backups/mysql.sql", a.output());
        assertEquals(List.of("sh", "-c", "exec mysqldump -uroot -p\"$MYSQL_ROOT_PASSWORD\" --all-databases"
                + " --single-transaction --routines --events"), a.command());
    }

    @Test
    void everyBindMountedFileIsInTheRelease() throws Exception {
        RenderedRelease r = COZE_STUDIO.renderGolden();
        ReleaseMounts.assertSourcesExist(r);
        assertTrue(ReleaseMounts.relativeMounts(r).stream().anyMatch(m -> m.source().equals(".env")));
        assertEquals(0755, r.file("volumes/elasticsearch/start-es.sh").mode());
        assertEquals(0600, r.file(".env").mode());
    }

    @Test
    void renderedComposePassesRealDockerComposeConfig(@TempDir Path out) throws Exception {
        COZE_STUDIO.renderGolden().writeTo(out);
        JsonNode cfg = DockerCompose.config(out);
        JsonNode server = cfg.path("services").path("coze-server").path("environment");
        assertEquals("coze:UserPass~2025@tcp(mysql:3306)/opencoze?charset=utf8mb4&parseTime=True",
                server.path("MYSQL_DSN").asText());
        assertEquals("minioadmin", server.path("MINIO_AK").asText());
        assertEquals("GPT 'quoted' & $dollar", DockerCompose.unescape(server.path("MODEL_NAME_1").asText()));
        assertEquals("sk-a$b'c\"d", DockerCompose.unescape(server.path("MODEL_API_KEY_1").asText()));
        assertEquals("ollama", server.path("MODEL_PROTOCOL_0").asText());
        assertEquals("RootPass.2025-x", cfg.path("services").path("mysql").path("environment")
                .path("MYSQL_ROOT_PASSWORD").asText());
        assertEquals(12, cfg.path("services").size());
    }

    /**
     * The real test target has 2 cores, ~24 GB, vm.max_map_count 65530 and no GPU: Coze Studio fails on cores and
     * on the kernel setting (with a fix Berth can apply), and runs without a GPU.
     */
    @Test
    void preflightOnTheRealTestTarget() throws Exception {
        Bundle b = COZE_STUDIO.bundle();
        ResolvedAnswers answers = AnswersResolver.resolve(b, COZE_STUDIO.goldenAnswers());
        try (RemoteShell shell = TestTarget.get().connect()) {
            Facts facts = Prober.probe(shell, "/opt/berth-test/coze", List.copyOf(b.requirements().sysctl().keySet()))
                    .facts();
            PreflightReport report = Preflight.run(b.requirementsFor(answers), facts, b.portsFor(answers),
                    PreflightContext.of(b.id()));
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            report.results().forEach(c -> outcomes.put(c.id(), c.outcome()));
            long maxMap = facts.sysctl().number("vm.max_map_count").orElseThrow();
            Outcome sysctl = maxMap >= 262144 ? Outcome.PASS : Outcome.FAIL;
            Map<String, Outcome> expected = new LinkedHashMap<>();
            expected.put("arch", Outcome.PASS);
            expected.put("os", Outcome.PASS);
            expected.put("cores", Outcome.FAIL);
            expected.put("memory", Outcome.PASS);
            expected.put("disk", outcomes.get("disk"));
            expected.put("gpu", Outcome.PASS);
            expected.put("docker", Outcome.PASS);
            expected.put("compose", Outcome.PASS);
            expected.put("port:WEB_PORT", Outcome.PASS);
            expected.put("sysctl:vm.max_map_count", sysctl);
            expected.put("nofile", outcomes.get("nofile"));
            expected.put("sudo", Outcome.PASS);
            expected.put("tools", Outcome.PASS);
            assertEquals(expected, outcomes);
            assertTrue(List.of(Outcome.PASS, Outcome.WARN, Outcome.FAIL).contains(outcomes.get("nofile")));
            CheckResult cores = report.results().stream().filter(c -> c.id().equals("cores")).findFirst().orElseThrow();
            assertTrue(cores.reason().en().contains("4"), cores.reason().en());
            if (sysctl == Outcome.FAIL) {
                CheckResult s = report.results().stream().filter(c -> c.id().equals("sysctl:vm.max_map_count"))
                        .findFirst().orElseThrow();
                assertTrue(s.fix().isPresent(), "a low vm.max_map_count comes with a fix Berth can apply");
            }
            assertEquals(Outcome.FAIL, report.worst());
        }
    }

    @Test
    void backupSavesRedisLiveDumpsMysqlAndStopsTheOtherStores(@TempDir Path out) throws Exception {
        Bundle b = COZE_STUDIO.bundle();
        assertEquals(List.of(
                new BackupRecipe.Command("redis", List.of("sh", "-c", "test \"$(redis-cli SAVE)\" = OK"), null, 300),
                new BackupRecipe.Command("mysql", List.of("sh", "-c", "exec mysqldump -uroot -p\"$MYSQL_ROOT_PASSWORD\""
                        + " --all-databases --single-transaction --routines --events"), "mysql.sql", 1800)),
                b.backup().commands());
        assertEquals(List.of(), b.migrations());
        COZE_STUDIO.renderGolden().writeTo(out);
        JsonNode services = DockerCompose.config(out).path("services");
        assertEquals("no", services.path("redis").path("environment").path("REDIS_AOF_ENABLED").asText(),
                "the RDB that SAVE writes is all Redis loads: it may keep running");
        assertTrue(services.path("mysql").path("environment").has("MYSQL_ROOT_PASSWORD"),
                "the dump's password is the container's own");
        // Every service keeping data under data/ is stopped for the copy, but Redis (saved live) and Ollama (model
        // files, written only by a pull).
        java.util.Set<String> stores = BindMounts.servicesKeepingData(services, COZE_STUDIO.builtins().dataDir());
        stores.removeAll(java.util.Set.of("redis", "ollama"));
        assertEquals(stores, new java.util.TreeSet<>(b.backup().stop()));
        assertTrue(stores.containsAll(List.of("mysql", "etcd", "minio", "milvus", "elasticsearch")), stores.toString());
    }
}
