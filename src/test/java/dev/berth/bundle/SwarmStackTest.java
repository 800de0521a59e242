package dev.berth.bundle;

import static dev.berth.bundle.GoldenBundle.DEMO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.text.Localized;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compose file as a Swarm stack: placement added, what Swarm reads differently converted, the rest refused. */
class SwarmStackTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DATA = "/opt/demo/data";
    private static final String COMPOSE = """
            version: "2.4"
            services:
              web:
                image: berth-demo/web:1.0
                user: "1000:1000"
                init: true
                restart: unless-stopped
                mem_limit: 512m
                cpus: "1.5"
                depends_on: [db]
                container_name: demo-web
                ports: ["18080:8080"]
                volumes: ["./conf/web:/etc/berth-demo:ro"]
              db:
                image: postgres:15
                restart: "no"
                volumes: ["/opt/demo/data/db:/var/lib/postgresql/data"]
            """;

    private static JsonNode stack(String compose, Map<String, Placement> placement) throws Exception {
        return YAML.readTree(SwarmStack.convert(compose, s -> placement.getOrDefault(s, Placement.LEADER), DATA).yaml());
    }

    @Test
    void eachServiceGetsItsPlacementAndSwarmsFormOfWhatComposeSaidOtherwise() throws Exception {
        JsonNode s = stack(COMPOSE, Map.of("web", new Placement("app", 2)));
        assertEquals("3.8", s.path("version").asText(), "the version docker stack deploy reads");
        JsonNode web = s.path("services").path("web");
        assertEquals(2, web.path("deploy").path("replicas").asInt());
        assertEquals("node.labels.berth.app == true", web.path("deploy").path("placement").path("constraints").get(0).asText());
        assertEquals("any", web.path("deploy").path("restart_policy").path("condition").asText());
        assertEquals("512m", web.path("deploy").path("resources").path("limits").path("memory").asText());
        assertEquals("1.5", web.path("deploy").path("resources").path("limits").path("cpus").asText());
        for (String gone : List.of("restart", "mem_limit", "cpus", "depends_on", "container_name")) {
            assertTrue(web.path(gone).isMissingNode(), gone + " is not a stack key: " + web);
        }
        assertEquals("1000:1000", web.path("user").asText(), "the rest as it was");
        assertTrue(web.path("init").asBoolean());
        JsonNode db = s.path("services").path("db");
        assertEquals("node.labels.berth.leader == true", db.path("deploy").path("placement").path("constraints").get(0)
                .asText(), "without placement: once, on the first manager");
        assertEquals(1, db.path("deploy").path("replicas").asInt());
        assertEquals("none", db.path("deploy").path("restart_policy").path("condition").asText());
    }

    @Test
    void valuesStayQuotedSoNoYamlReaderTakesThemForNumbers() throws Exception {
        // YAML 1.1 reads an unquoted 1000:1000 as a base-60 number and 3.8 as a float; docker stack refuses both.
        String yaml = SwarmStack.convert(COMPOSE, s -> Placement.LEADER, DATA).yaml();
        assertTrue(yaml.startsWith("version: \"3.8\"\n"), yaml);
        assertTrue(yaml.contains("user: \"1000:1000\""), yaml);
    }

    @Test
    void theChangesAreListedForTheReviewStep() throws Exception {
        List<String> changes = SwarmStack.convert(COMPOSE, s -> Placement.LEADER, DATA).changes().stream()
                .map(dev.berth.text.Localized::en).toList();
        assertTrue(changes.contains("service web: depends_on dropped (Berth starts the stages in order)."), changes.toString());
        assertTrue(changes.contains("service web: restart: unless-stopped → deploy.restart_policy.condition: any"),
                changes.toString());
    }

    @Test
    void whatSwarmCannotRunIsRefusedNamingTheServiceAndTheKey() {
        String bad = """
                services:
                  gpu:
                    image: llm:1
                    privileged: true
                    devices: ["/dev/nvidia0"]
                    deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}}}
                  src:
                    build: ./app
                """;
        RenderException e = assertThrows(RenderException.class, () -> SwarmStack.convert(bad, s -> Placement.LEADER, DATA));
        String en = e.sentence().en();
        assertTrue(en.startsWith("This compose file cannot run as a Swarm stack:"), en);
        for (String line : List.of("service gpu: Swarm has no devices.", "service gpu: Swarm runs no privileged container.",
                "service gpu: a GPU needs the nodes' generic resources set up", "service src: Swarm has no build.")) {
            assertTrue(en.contains(line), line + " in " + en);
        }
    }

    @Test
    void aServiceThatKeepsDataOnItsNodeCannotHaveReplicas() {
        RenderException folder = assertThrows(RenderException.class, () -> SwarmStack.convert(COMPOSE,
                s -> s.equals("db") ? new Placement("data", 3) : Placement.LEADER, DATA));
        assertTrue(folder.sentence().en().contains("service db: it keeps data on its node (a data folder or a volume), so"
                + " it cannot have 3 replicas."), folder.sentence().en());
        String volume = "services:\n  redis:\n    image: redis:7\n    volumes: [\"redis-data:/data\"]\nvolumes:\n  redis-data:\n";
        assertThrows(RenderException.class, () -> SwarmStack.convert(volume, s -> new Placement(null, 2), DATA));
    }

    // ---- the stack files of a cluster deploy ----

    private static final String RELEASE = "/opt/demo/releases/r1";

    /** The demo rendered from its golden answers (with these changed), and what a cluster deploy sends for it. */
    private static SwarmStack.Stacks demoStacks(Map<String, Object> changed) throws Exception {
        Bundle b = DEMO.bundle();
        Map<String, Object> answers = DEMO.goldenAnswers();
        answers.putAll(changed);
        ResolvedAnswers resolved = AnswersResolver.resolve(b, answers);
        RenderedRelease r = Renderer.render(b, resolved, DEMO.builtins());
        Builtins in = DEMO.builtins();
        return SwarmStack.stages(r.file(r.composeFile()).text(), b::placementOf, in.dataDir(),
                Renderer.composeEnvironment(b, resolved, in), r.files(), in.releaseDir(), in.project(), r.stages());
    }

    private static JsonNode stage(SwarmStack.Stacks stacks, String stage) throws Exception {
        return YAML.readTree(stacks.stageFiles().get(stage));
    }

    private static List<String> en(List<Localized> changes) {
        return changes.stream().map(Localized::en).toList();
    }

    @Test
    void theDemosEnvIsReadUnquotedAsComposeWouldReadIt() throws Exception {
        Bundle b = DEMO.bundle();
        Map<String, Object> answers = DEMO.goldenAnswers();
        answers.put("GREETING", "It's \"quoted\" & $5");
        Map<String, String> env = Renderer.composeEnvironment(b, AnswersResolver.resolve(b, answers), DEMO.builtins());
        assertEquals(Map.of("WEB_PORT", "18080", "GREETING", "It's \"quoted\" & $5"), env);
    }

    @Test
    void envLinesAreNameEqualsValueWithCommentsAndBlanksSkippedAndNoEnvTemplateGivesNothing(@TempDir Path tmp)
            throws Exception {
        ScratchBundle mini = ScratchBundle.ofMini(tmp).write("templates/.env", """
                # the text
                TEXT={{TEXT}}

                  HASH=a #b
                TEXT=again {{TEXT}}
                """);
        Map<String, Object> raw = new java.util.LinkedHashMap<>();
        raw.put("TEXT", "t");
        raw.put("MODELS", List.of(Map.of("NAME", "m", "KEY", "k")));
        Bundle b = mini.load();
        assertEquals(Map.of("TEXT", "again t", "HASH", "a #b"),
                Renderer.composeEnvironment(b, AnswersResolver.resolve(b, raw), RendererTest.BUILTINS),
                "a value is all after the first '=', a later line wins");
        Files.delete(mini.dir.resolve("templates/.env"));
        Bundle none = mini.load();
        assertEquals(Map.of(), Renderer.composeEnvironment(none, AnswersResolver.resolve(none, raw),
                RendererTest.BUILTINS));
    }

    @Test
    void aValueWithALineBreakCannotGoIntoTheStack() throws Exception {
        Bundle b = DEMO.bundle();
        Map<String, Object> answers = DEMO.goldenAnswers();
        answers.put("GREETING", "two\nlines");
        RenderException e = assertThrows(RenderException.class,
                () -> Renderer.composeEnvironment(b, AnswersResolver.resolve(b, answers), DEMO.builtins()));
        assertEquals("The value of GREETING in templates/.env holds a line break, which a Swarm stack cannot carry"
                + " safely; please change it.", e.sentence().en());
        assertFalse(e.sentence().en().contains("lines"), "never the value");
    }

    @Test
    void theDemoIsOneStackFilePerStageInterpolatedWithItsReleaseFilesAsConfigsAndASecret() throws Exception {
        SwarmStack.Stacks stacks = demoStacks(Map.of());
        assertEquals(List.of("web", "worker"), List.copyOf(stacks.stageFiles().keySet()), "in stage order");
        assertEquals(List.of("web", "worker"), stacks.services());

        JsonNode webStage = stage(stacks, "web");
        assertEquals("3.8", webStage.path("version").asText());
        assertEquals(List.of("web"), names(webStage.path("services")), "only the stage's services");
        JsonNode web = webStage.path("services").path("web");
        assertEquals("18080:8080", web.path("ports").get(0).asText(), "${WEB_PORT} from .env");
        assertEquals("Hello from Berth", web.path("environment").path("GREETING").asText());
        assertEquals("node.labels.berth.leader == true", web.path("deploy").path("placement").path("constraints").get(0)
                .asText(), "converted as convert does");
        assertEquals(1, web.path("volumes").size(), "the release mount is gone: " + web.path("volumes"));
        assertEquals("/opt/berth/demo/data/web:/srv/www", web.path("volumes").get(0).asText(), "the data folder stays");

        String releaseDir = DEMO.builtins().releaseDir();
        RenderedRelease r = DEMO.renderGolden();
        JsonNode configs = webStage.path("configs");
        assertEquals(List.of("conf-web-greeting.json", "conf-web-start.sh"), names(configs).stream().sorted().toList(),
                "only the configs web uses: " + configs);
        for (String file : List.of("greeting.json", "start.sh")) {
            JsonNode c = configs.path("conf-web-" + file);
            assertEquals(releaseDir + "/conf/web/" + file, c.path("file").asText());
            assertEquals("demo_conf-web-" + file + "_" + sha12(r.file("conf/web/" + file).content()),
                    c.path("name").asText());
        }
        JsonNode secret = webStage.path("secrets").path("conf-web-token.sh");
        assertEquals(releaseDir + "/conf/web/token.sh", secret.path("file").asText());
        assertTrue(secret.path("name").asText().matches("demo_conf-web-token\\.sh_[0-9a-f]{12}"), secret.toString());

        JsonNode start = find(web.path("configs"), "conf-web-start.sh");
        assertEquals("/etc/berth-demo/start.sh", start.path("target").asText());
        assertEquals(0644, start.path("mode").asInt());
        assertTrue(start.path("uid").isMissingNode(), "no fileOwners entry: root's, as on one server");
        assertEquals("/etc/berth-demo/greeting.json", find(web.path("configs"), "conf-web-greeting.json")
                .path("target").asText());
        JsonNode token = find(web.path("secrets"), "conf-web-token.sh");
        assertEquals("/etc/berth-demo/token.sh", token.path("target").asText());
        assertEquals("1000", token.path("uid").asText());
        assertEquals("1000", token.path("gid").asText());
        assertTrue(token.path("mode").isInt(), "a YAML integer: " + token);
        assertEquals(384, token.path("mode").asInt(), "0600");
        String yaml = stacks.stageFiles().get("web");
        assertTrue(yaml.contains("mode: 384"), yaml);
        assertTrue(yaml.contains("uid: \"1000\""), "the 3.x schema has uid as a string: " + yaml);

        JsonNode workerStage = stage(stacks, "worker");
        assertEquals(List.of("worker"), names(workerStage.path("services")));
        assertEquals(List.of("conf-worker-run.sh"), names(workerStage.path("configs")));
        assertTrue(workerStage.path("secrets").isMissingNode(), "worker uses no secret: " + workerStage);
        assertEquals("/etc/berth-demo/run.sh", find(workerStage.path("services").path("worker").path("configs"),
                "conf-worker-run.sh").path("target").asText());

        List<String> changes = en(stacks.changes());
        assertTrue(changes.contains("service web: ./conf/web → 3 Swarm configs/secrets (read-only)"), changes.toString());
        assertTrue(changes.contains("service worker: ./conf/worker → 1 Swarm configs/secrets (read-only)"),
                changes.toString());
    }

    @Test
    void aConfigsNameChangesOnlyWhenItsContentDoes() throws Exception {
        JsonNode before = stage(demoStacks(Map.of()), "web");
        JsonNode again = stage(demoStacks(Map.of()), "web");
        JsonNode greeted = stage(demoStacks(Map.of("GREETING", "Bonjour")), "web");
        assertEquals(before.path("configs"), again.path("configs"), "the same answers: the same names");
        assertEquals(before.path("secrets"), greeted.path("secrets"), "token.sh did not change");
        assertEquals(before.path("configs").path("conf-web-start.sh"), greeted.path("configs").path("conf-web-start.sh"),
                "start.sh did not change: web's other configs keep their names");
        assertNotEquals(before.path("configs").path("conf-web-greeting.json").path("name"),
                greeted.path("configs").path("conf-web-greeting.json").path("name"), "greeting.json changed");
        JsonNode token = stage(demoStacks(Map.of("API_TOKEN", "fedcba9876543210fedcba9876543210")), "web");
        assertNotEquals(before.path("secrets").path("conf-web-token.sh").path("name"),
                token.path("secrets").path("conf-web-token.sh").path("name"));
    }

    private static SwarmStack.Stacks stacks(String compose, List<Stage> stages, Map<String, String> env,
                                            List<RenderedFile> files) throws Exception {
        return SwarmStack.stages(compose, s -> Placement.LEADER, DATA, env, files, RELEASE, "shop", stages);
    }

    private static Stage stageOf(String name, String... services) {
        return new Stage(name, Localized.of(name, name), List.of(services), new Readiness.Healthy(), 60);
    }

    private static final List<RenderedFile> FILES = List.of(
            new RenderedFile("conf/app/app.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8), 0644),
            new RenderedFile("conf/app/keys/private.pem", "KEY\n".getBytes(StandardCharsets.UTF_8), 0400, "70:70"),
            new RenderedFile("nginx.conf", "events {}\n".getBytes(StandardCharsets.UTF_8), 0640));

    @Test
    void aServiceInNoStageGoesWithTheFirstStageThatDependsOnItElseWithTheLast() throws Exception {
        String compose = """
                services:
                  db: {image: "postgres:15"}
                  cache: {image: "redis:7"}
                  app: {image: "app:1", depends_on: {cache: {condition: service_healthy}, db: {}}}
                  api: {image: "api:1", depends_on: [cache]}
                  tool: {image: "tool:1"}
                """;
        SwarmStack.Stacks s = stacks(compose, List.of(stageOf("data", "db"), stageOf("apps", "app"),
                stageOf("edge", "api")), Map.of(), List.of());
        assertEquals(List.of("api", "app", "cache", "db", "tool"), s.services());
        assertEquals(List.of("db"), names(stage(s, "data").path("services")));
        assertEquals(List.of("cache", "app"), names(stage(s, "apps").path("services")),
                "cache goes with app, the first stage's service that depends on it");
        assertEquals(List.of("api", "tool"), names(stage(s, "edge").path("services")));
        List<String> changes = en(s.changes());
        assertTrue(changes.contains("service cache is in no stage: deployed with stage apps (app depends on it)."),
                changes.toString());
        assertTrue(changes.contains("service tool is in no stage: deployed with the last stage, edge."),
                changes.toString());
    }

    @Test
    void eachStageHasEveryNetworkAndVolumeButOnlyTheConfigsItsServicesUse() throws Exception {
        String compose = """
                services:
                  app:
                    image: "app:1"
                    volumes:
                      - {type: bind, source: conf/app, target: /etc/app}
                      - app-data:/var/lib/app
                      - /var/run/docker.sock:/var/run/docker.sock
                  proxy:
                    image: "nginx:1"
                    volumes:
                      - {type: bind, source: "%s/nginx.conf", target: /etc/nginx/nginx.conf, read_only: true}
                networks: {front: {}}
                volumes: {app-data: {}}
                """.formatted(RELEASE);
        SwarmStack.Stacks s = stacks(compose, List.of(stageOf("apps", "app"), stageOf("edge", "proxy")), Map.of(), FILES);
        JsonNode apps = stage(s, "apps");
        JsonNode edge = stage(s, "edge");
        for (JsonNode doc : List.of(apps, edge)) {
            assertTrue(doc.path("networks").has("front"), doc.toString());
            assertTrue(doc.path("volumes").has("app-data"), doc.toString());
        }
        assertEquals(List.of("conf-app-app.yaml"), names(apps.path("configs")));
        assertEquals(List.of("conf-app-keys-private.pem"), names(apps.path("secrets")), "0400: a secret");
        assertEquals(List.of("nginx.conf"), names(edge.path("configs")), "0640 has group bits: a config");
        assertTrue(edge.path("secrets").isMissingNode(), edge.toString());

        JsonNode app = apps.path("services").path("app");
        assertEquals(List.of("app-data:/var/lib/app", "/var/run/docker.sock:/var/run/docker.sock"),
                texts(app.path("volumes")), "volumes and other bind mounts stay");
        JsonNode key = find(app.path("secrets"), "conf-app-keys-private.pem");
        assertEquals("/etc/app/keys/private.pem", key.path("target").asText(), "a folder mount: every file below it");
        assertEquals("70", key.path("uid").asText());
        assertEquals(0400, key.path("mode").asInt());
        JsonNode proxy = edge.path("services").path("proxy");
        assertTrue(proxy.path("volumes").isMissingNode(), "its one mount became a config: " + proxy);
        assertEquals("/etc/nginx/nginx.conf", find(proxy.path("configs"), "nginx.conf").path("target").asText(),
                "an absolute mount under the release dir, long syntax, one file");
        assertEquals(RELEASE + "/nginx.conf", edge.path("configs").path("nginx.conf").path("file").asText());
        List<String> changes = en(s.changes());
        assertTrue(changes.contains("service app: conf/app → 2 Swarm configs/secrets (read-only; the mount was writable)"),
                changes.toString());
        assertTrue(changes.contains("service proxy: " + RELEASE + "/nginx.conf → 1 Swarm configs/secrets (read-only)"),
                changes.toString());
    }

    @Test
    void aRelativeMountThatNamesNoReleaseFileIsRefusedNamingServiceAndPath() {
        String compose = """
                services:
                  app: {image: "app:1", volumes: ["./conf/missing:/etc/app:ro", "../outside:/x"]}
                  db: {image: "db:1", volumes: ["./conf/app/app.yam:/etc/db.yaml:ro"]}
                """;
        RenderException e = assertThrows(RenderException.class,
                () -> stacks(compose, List.of(stageOf("all", "app", "db")), Map.of(), FILES));
        String en = e.sentence().en();
        for (String line : List.of("service app: the mount ./conf/missing names no file or folder of the release.",
                "service app: the mount ../outside names no file or folder of the release.",
                "service db: the mount ./conf/app/app.yam names no file or folder of the release.")) {
            assertTrue(en.contains(line), line + " in " + en);
        }
    }

    @Test
    void composeInterpolationHappensOnceHereAndEveryDollarLeftIsEscapedForTheStackCommand() throws Exception {
        String compose = """
                services:
                  app:
                    image: "app:${TAG:-1}"
                    environment:
                      PRICE: "${PRICE}"
                      HOME_LINE: "echo $$HOME"
                      MISSING: "${NOT_IN_ENV}/x"
                """;
        SwarmStack.Stacks s = stacks(compose, List.of(stageOf("all", "app")), Map.of("PRICE", "5$"), List.of());
        String yaml = s.stageFiles().get("all");
        JsonNode app = YAML.readTree(yaml).path("services").path("app");
        assertEquals("app:1", app.path("image").asText());
        assertEquals("5$$", app.path("environment").path("PRICE").asText(), yaml);
        assertEquals("echo $$HOME", app.path("environment").path("HOME_LINE").asText(), yaml);
        assertEquals("/x", app.path("environment").path("MISSING").asText());
        assertEquals(List.of("variable NOT_IN_ENV is not set in .env: an empty string is used, as Compose does."),
                en(s.changes()).stream().filter(c -> c.startsWith("variable")).toList());
    }

    @Test
    void aFileTooLargeForASwarmConfigIsRefused() {
        byte[] big = new byte[SwarmConfigs.MAX_BYTES + 1];
        String compose = "services:\n  app: {image: \"app:1\", volumes: [\"./big.bin:/big.bin:ro\"]}\n";
        RenderException e = assertThrows(RenderException.class, () -> stacks(compose, List.of(stageOf("all", "app")),
                Map.of(), List.of(new RenderedFile("big.bin", big, 0644))));
        assertTrue(e.sentence().en().contains("service app: big.bin is 512001 bytes; a Swarm config holds at most 500 KB."),
                e.sentence().en());
    }

    @Test
    void aNameStaysWithinSwarmsSixtyFourCharactersKeepingTheFilesName() {
        String name = SwarmConfigs.name("coze-studio", SwarmConfigs.sanitized(
                "conf/very/deep/folder/of/the/release/nginx/conf.d/default.conf"), new byte[0]);
        assertEquals(64, name.length(), name);
        assertTrue(name.startsWith("coze-studio_"), name);
        assertTrue(name.endsWith("-conf.d-default.conf_e3b0c44298fc"), name);
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode find(JsonNode refs, String source) {
        for (JsonNode r : refs) {
            if (r.path("source").asText().equals(source)) {
                return r;
            }
        }
        throw new AssertionError("no " + source + " in " + refs);
    }

    private static String sha12(byte[] content) {
        return SwarmConfigs.sha256(content).substring(0, 12);
    }
}
