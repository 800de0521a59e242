package dev.berth.preflight;

import dev.berth.testsupport.IntegrationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.bundle.AnswersFile;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.bundle.ServerChecks;
import dev.berth.ssh.RemoteShell;
import dev.berth.target.Facts;
import dev.berth.target.Prober;
import dev.berth.testsupport.TestTarget;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Zhuge Shenma bundle's preflight against the real test target (2 cores, no GPU). */
@IntegrationTest
class ZhugeshenmaPreflightTest {
    static final Path BUNDLE = Path.of(System.getProperty("berth.projectDir", System.getProperty("user.dir")))
            .resolve("bundles/zhugeshenma");

    @Test
    void failsOnSizeTheOptionalGpuPassesAndModelsAreCheckedFromTheServer() throws Exception {
        Bundle b = BundleLoader.load(BUNDLE);
        try (OpenAiStub stub = OpenAiStub.start(Map.of("/v1/completions", "deepseek-coder",
                "/v1/chat/completions", "deepseek-chat"), "sk-chat");
             RemoteShell shell = TestTarget.get().connect()) {
            Map<String, Object> raw = new LinkedHashMap<>(AnswersFile.read(BUNDLE.resolve("example-answers.yaml")));
            raw.put("OPENAI_MODEL_HOST", "http://127.0.0.1:" + stub.port() + "/v1/completions");
            raw.put("CHAT_MODEL_URL", "http://127.0.0.1:" + stub.port() + "/v1");
            raw.put("CHAT_MODEL_API_KEY", "sk-chat");
            // the upstream defaults (8080, 5000, 3000, ...) are often taken on a workstation: move them all to
            // ports that are free right now, as an operator would in the form
            List<ServerSocket> holders = new ArrayList<>();
            for (String p : b.requirements().portParams()) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"));
                holders.add(s);
                raw.put(p, s.getLocalPort());
            }
            for (ServerSocket s : holders) {
                s.close();
            }
            ResolvedAnswers a = AnswersResolver.resolve(b, raw);
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String p : b.requirements().portParams()) {
                ports.put(p, ((Number) a.get(p)).intValue());
            }
            Facts facts = Prober.probe(shell, "/tmp/berth-zhugeshenma-preflight").facts();
            PreflightReport r = Preflight.run(b.requirements(), facts, ports, PreflightContext.of("zhugeshenma"));
            ServerChecks.Planned planned = ServerChecks.plan(b, a, Builtins.of("/opt/berth/zhugeshenma", "r1",
                    "zhugeshenma", "127.0.0.1"));
            r = r.plus(ServerCheckRunner.run(shell, planned));
            String disk = facts.disk().freeBytes() != null && facts.disk().freeBytes() >= 512L * 1024 * 1024 * 1024
                    ? "PASS" : "FAIL";
            List<String> expected = new ArrayList<>(List.of("arch PASS", "os PASS", "cores FAIL", "memory FAIL",
                    "disk " + disk, "gpu PASS", "docker PASS", "compose PASS"));
            for (String p : b.requirements().portParams()) {
                expected.add("port:" + p + " PASS");
            }
            expected.addAll(List.of("sudo PASS", "tools PASS", "check:completion-model PASS", "check:chat-model PASS"));
            assertEquals(String.join("\n", expected), r.results().stream().map(c -> c.id() + " " + c.outcome())
                    .collect(Collectors.joining("\n")));
            assertEquals(Outcome.FAIL, r.worst());
            assertFalse(r.canProceed());
            assertEquals("Bearer sk-chat", stub.authorizationFor("/v1/chat/completions"));
        }
    }
}
