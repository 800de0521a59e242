package dev.berth.preflight;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.bundle.ServerChecks;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.HttpProbe;
import dev.berth.target.Prober;
import dev.berth.testsupport.TestTarget;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CoStrict bundle's preflight against the real test target (2 cores, ~24 GB, Docker 20.10, docker-compose
 * 1.29.2), including its model endpoint checks made from the server with curl against a small OpenAI-compatible
 * stub listening on the target's loopback (the target is this machine).
 */
@IntegrationTest
class CostrictPreflightTest {
    static final Path BUNDLE = Path.of(System.getProperty("berth.projectDir", System.getProperty("user.dir")))
            .resolve("bundles/costrict");
    static OpenAiStub stub;
    static RemoteShell shell;
    static Facts facts;

    @BeforeAll
    static void start() throws Exception {
        stub = OpenAiStub.start(Map.of(
                "/v1/chat/completions", "GLM-4.5-FP8",
                "/v1/completions", "DeepSeek-Coder-V2-Lite-Base",
                "/v1/embeddings", "gte-modernbert-base",
                "/v1/rerank", "gte-reranker-modernbert-base"), "sk-chat-secret");
        shell = TestTarget.get().connect();
        facts = Prober.probe(shell, "/tmp/berth-costrict-preflight").facts();
    }

    @AfterAll
    static void stop() {
        if (shell != null) {
            shell.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    static Map<String, Object> answers() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>(AnswersFile.read(BUNDLE.resolve("example-answers.yaml")));
        String base = "http://127.0.0.1:" + stub.port();
        raw.put("CHAT_MODEL_HOST", "127.0.0.1");
        raw.put("CHAT_MODEL_PORT", stub.port());
        raw.put("CHAT_APIKEY", "sk-chat-secret");
        raw.put("COMPLETION_BASEURL", base + "/v1/completions");
        raw.put("EMBEDDER_BASEURL", base + "/v1/embeddings");
        raw.put("RERANKER_BASEURL", base + "/v1/rerank");
        return raw;
    }

    /** The table of the bundle's model checks, in their order, with these outcomes. */
    static String modelChecks(String chatModel, String completionModel, String embeddingModel, String rerankModel,
                              String chatContext) {
        return String.join("\n", "check:chat-model " + chatModel, "check:completion-model " + completionModel,
                "check:embedding-model " + embeddingModel, "check:rerank-model " + rerankModel,
                "check:chat-context " + chatContext);
    }

    static String table(List<CheckResult> results) {
        return results.stream().map(c -> c.id() + " " + c.outcome()).collect(Collectors.joining("\n"));
    }

    static List<CheckResult> serverChecks(Bundle b, Map<String, Object> raw) throws Exception {
        ResolvedAnswers a = AnswersResolver.resolve(b, raw);
        ServerChecks.Planned planned = ServerChecks.plan(b, a, Builtins.of("/opt/berth/costrict", "r1", "costrict",
                "127.0.0.1"));
        return ServerCheckRunner.run(shell, planned);
    }

    @Test
    void theTestMachineFailsOnCoresMemoryAndDiskWithPortsAndToolsFine() throws Exception {
        Bundle b = BundleLoader.load(BUNDLE);
        ResolvedAnswers a = AnswersResolver.resolve(b, answers());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            // a port in use on the server is caught before anything starts, under the parameter that moves it
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String p : b.requirements().portParams()) {
                ports.put(p, ((Number) a.get(p)).intValue());
            }
            ports.put("PORT_CASDOOR", taken.getLocalPort());
            Facts now = Prober.probe(shell, "/tmp/berth-costrict-preflight").facts();
            PreflightReport r = Preflight.run(b.requirements(), now, ports, PreflightContext.of("costrict"));
            String disk = now.disk().freeBytes() != null && now.disk().freeBytes() >= 512L * 1024 * 1024 * 1024
                    ? "PASS" : "FAIL";
            assertEquals(String.join("\n",
                    "arch PASS",
                    "os PASS",
                    "cores FAIL",
                    "memory FAIL",
                    "disk " + disk,
                    "docker PASS",
                    "compose PASS",
                    "port:PORT_APISIX_ENTRY PASS",
                    "port:PORT_APISIX_API PASS",
                    "port:PORT_CASDOOR FAIL",
                    "port:PORT_HIGRESS_CONTROL PASS",
                    "port:PORT_ETCD PASS",
                    "port:PORT_REDIS PASS",
                    "port:PORT_POSTGRES PASS",
                    "port:PORT_WEAVIATE PASS",
                    "port:PORT_PROMETHEUS PASS",
                    "port:PORT_GRAFANA PASS",
                    "port:PORT_ES PASS",
                    "sudo PASS",
                    "tools PASS"), table(r.results()));
            CheckResult cores = r.find("cores").orElseThrow();
            assertEquals("The server has " + now.host().cores() + " CPU cores; the bundle needs at least 16.",
                    cores.reason().en());
            assertTrue(cores.reason().zh().contains("至少需要 16"), cores.reason().zh());
            assertTrue(r.find("port:PORT_CASDOOR").orElseThrow().remedy().en().contains("PORT_CASDOOR"),
                    r.find("port:PORT_CASDOOR").orElseThrow().remedy().en());
            assertFalse(r.canProceed());
        }
    }

    @Test
    void modelEndpointsAnswerFromTheServer() throws Exception {
        Bundle b = BundleLoader.load(BUNDLE);
        stub.clear();
        List<CheckResult> results = serverChecks(b, answers());
        assertEquals(modelChecks("PASS", "PASS", "PASS", "PASS", "PASS"), table(results), results.toString());
        // the key reached the model server, through curl's stdin and never its argv
        assertEquals("Bearer sk-chat-secret", stub.authorizationFor("/v1/chat/completions"));
        assertFalse(HttpProbe.command().toShell().contains("sk-chat-secret"));
        assertEquals(null, stub.authorizationFor("/v1/embeddings"), "an empty key sends no Authorization header");
        assertTrue(stub.bodyFor("/v1/rerank").contains("\"model\": \"gte-reranker-modernbert-base\""));
    }

    @Test
    void wrongModelWrongKeyDeadEndpointAndSmallContextAreReported() throws Exception {
        Bundle b = BundleLoader.load(BUNDLE);
        Map<String, Object> raw = answers();
        raw.put("CHAT_DEFAULT_MODEL", "GLM-4.5-typo");
        raw.put("CHAT_MODEL_CONTEXTSIZE", 32000);
        raw.put("EMBEDDER_APIKEY", "sk-wrong");
        raw.put("COMPLETION_BASEURL", "http://127.0.0.1:" + stub.port() + "/lenient/v1/completions");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        raw.put("RERANKER_BASEURL", "http://127.0.0.1:" + closed + "/v1/rerank");
        List<CheckResult> results = serverChecks(b, raw);
        assertEquals(modelChecks("FAIL", "WARN", "FAIL", "FAIL", "WARN"), table(results), results.toString());
        Map<String, CheckResult> byId = results.stream().collect(Collectors.toMap(CheckResult::id, c -> c));
        assertTrue(byId.get("check:chat-model").reason().en().contains("HTTP 404")
                && byId.get("check:chat-model").reason().en().contains("The model `GLM-4.5-typo` does not exist."),
                byId.get("check:chat-model").reason().en());
        assertTrue(byId.get("check:completion-model").reason().en().contains("answered by model some-other-model"),
                byId.get("check:completion-model").reason().en());
        assertTrue(byId.get("check:embedding-model").reason().en().contains("HTTP 401"));
        assertTrue(byId.get("check:rerank-model").reason().en().contains("cannot reach"),
                byId.get("check:rerank-model").reason().en());
        assertTrue(byId.get("check:chat-context").remedy().en().contains("64k"));
        for (CheckResult c : results) {
            assertFalse(c.reason().en().contains("sk-wrong") || c.reason().en().contains("sk-chat-secret"), c.id());
            if (c.outcome() != Outcome.PASS) {
                assertFalse(c.remedy().zh().isBlank(), c.id());
            }
        }
    }

    @Test
    void theOptionalReviewModelIsCheckedOnlyWhenChosen() throws Exception {
        Bundle b = BundleLoader.load(BUNDLE);
        Map<String, Object> raw = answers();
        raw.put("CODEREVIEW_ENABLED", true);
        raw.put("CODEREVIEW_MODEL_HOST", "127.0.0.1");
        raw.put("CODEREVIEW_MODEL_PORT", stub.port());
        raw.put("CODEREVIEW_MODEL", "GLM-4.5-FP8");
        raw.put("CODEREVIEW_APIKEY", "sk-chat-secret");
        List<CheckResult> results = serverChecks(b, raw);
        assertTrue(table(results).contains("check:codereview-model PASS"), table(results));
        assertFalse(table(serverChecks(b, answers())).contains("codereview"));
    }
}
