package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
