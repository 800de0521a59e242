package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testsupport.ClusterTestBed;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code berth deploy --cluster} end to end on a real three-node Swarm (three Docker 20.10 engines in their own network
 * namespaces, each with its own sshd: scripts/test-env.sh swarm-up), driven over SSH like three servers: the swarm is
 * formed, the images the manager was sent reach the nodes that run them without crossing the laptop's link again, web
 * runs as two healthy replicas on two nodes and answers on each, worker on the node labelled data, its hook in it. A
 * redeploy with a changed answer rolls web and leaves worker's task alone; a release that never gets healthy is
 * rolled back to the one before; a node whose engine stops is reported and its web replica rescheduled.
 *
 * <p>This kernel has no IPVS, so the routing mesh cannot answer on a node that runs no replica: web publishes its port
 * in host mode (real servers would use the mesh); every node that runs a replica is asked.
 */
@IntegrationTest
class CliClusterDeployTest {
    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    private static final String INSTALL = "/var/tmp/berth-cluster-it";
    private static final int PORT = 18090;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private static List<String> nodes;
    private static List<String> names;
    private static List<String> sockets;
    private static Path images;
    private static Path clusterFile;

    @BeforeAll
    static void cluster() throws Exception {
        TestTarget t = TestTarget.get();
        t.startSwarmNodes();
        nodes = t.swarmNodes();
        names = t.swarmNodeNames();
        sockets = ClusterTestBed.sockets();
        ClusterTestBed.clean(INSTALL);
        images = Files.createTempDirectory("cluster-images");
        ClusterTestBed.writeImages(images, 0);
        // n3 is reached as the test env's user with its password, and runs docker through sudo.
        clusterFile = ClusterTestBed.writeClusterFile(3, true);
    }

    @AfterAll
    static void nodesAfresh() {
        // The test stopped a node's engine: the nodes start afresh for the tests after it (swarm-down, swarm-up).
        ClusterTestBed.clean(INSTALL, true);
    }

    private static String docker(String socket) {
        return ClusterTestBed.docker(socket);
    }

    private static CliRun deploy(String answers) throws Exception {
        return berth("deploy", "--cluster", clusterFile.toString(), "--bundle", ClusterTestBed.bundle().toString(),
                "--images", images.toString(), "--answers", cli.answers(answers).toString(), "--install-dir", INSTALL);
    }

    /** The CLI with n3's password on standard input, as a script gives it. */
    private static CliRun berth(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--password-stdin");
        return CliRun.withStdin(TestTarget.get().property("ssh.password") + "\n", all.toArray(String[]::new));
    }

    private static String manager(String args) {
        return TestTarget.runLocalOk(docker(sockets.get(0)) + " " + args).strip();
    }

    private static String project() throws Exception {
        return JSON.readTree(Path.of(INSTALL, ".berth/install.json").toFile()).get("project").asText();
    }

    /** Node host name → task id of the service's running tasks, as the manager lists them. */
    private static Map<String, String> running(String service) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String line : manager("service ps --no-trunc --filter desired-state=running --format '{{.Node}} {{.ID}}"
                + " {{.CurrentState}}' " + project() + "_" + service).split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 3 && f[2].equals("Running")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    private static String address(String hostname) {
        return nodes.get(names.indexOf(hostname));
    }

    private static String get(String node, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + node + ":" + PORT + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body().strip();
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    private static void waitFor(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + limit.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }

    @Test
    void oneDeploymentAcrossThreeNodesRedeploysRollsBackAndOutlivesANode() throws Exception {
        // First deploy: forms the swarm and brings both stages up.
        CliRun first = deploy("GREETING: Hello one\n");
        assertEquals(ExitCode.OK, first.exitCode(), first.toString());
        assertTrue(first.err().contains("The swarm is formed: 3 nodes."), first.toString());
        Map<String, String> web = running("web");
        assertEquals(2, web.size(), "two web replicas on two nodes: " + web);
        assertEquals(List.of(names.get(0)), List.copyOf(running("worker").keySet()), "worker on the data node");
        for (String host : web.keySet()) {
            assertEquals("200 Hello one", get(address(host), "/greeting.txt"), "web on " + host);
        }
        assertEquals("registered", Files.readString(Path.of(INSTALL, "data/worker/registered.txt")).strip(),
                "the hook ran in worker's task on the manager");
        assertEquals("Hello one", Files.readString(Path.of(INSTALL, "data/worker/last-greeting.txt")).strip(),
                "worker reached web over the overlay network");
        // The manager was sent both images; it handed web to the app workers, which never run worker.
        for (int i = 1; i < 3; i++) {
            assertTrue(first.err().contains("sent to node n" + (i + 1) + ": berth-cluster/web:1.0"), first.toString());
            assertEquals("present", TestTarget.runLocal(docker(sockets.get(i)) + " image inspect berth-cluster/web:1.0"
                    + " >/dev/null && echo present", Duration.ofSeconds(20)).output().strip());
            assertNotEquals(0, TestTarget.runLocal(docker(sockets.get(i)) + " image inspect berth-cluster/worker:1.0",
                    Duration.ofSeconds(20)).exitCode(), "worker's image stays off n" + (i + 1));
        }
        for (Path keys : List.of(Path.of(System.getProperty("user.home"), ".ssh/authorized_keys"),
                Path.of("/home", TestTarget.get().user(), ".ssh/authorized_keys"))) {
            assertFalse(Files.exists(keys) && Files.readString(keys).contains("berth-load-"),
                    "every one-time load key is gone from " + keys + " (the nodes share this machine's homes)");
        }
        // berth status of the deployment, from the manager: every replica and every node.
        CliRun status = berth("status", "--cluster", clusterFile.toString(), "--install-dir", INSTALL);
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        assertTrue(status.out().lines().anyMatch(l -> l.strip().startsWith("web  2/2  berth-cluster/web:1.0")),
                status.toString());
        assertTrue(status.out().lines().anyMatch(l -> l.strip().startsWith("worker  1/1")), status.toString());
        // The release's secrets: the stack files are private, token.sh a Swarm secret.
        String release = Path.of(INSTALL, "current").toRealPath().getFileName().toString();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                Path.of(INSTALL, "releases", release, ".berth/stack/web.yml"))));
        assertTrue(manager("secret ls --format '{{.Name}}'").contains(project() + "_conf-web-token.sh_"));

        // A changed answer: web's configuration changes and rolls; worker's does not, and its task stays.
        String workerTask = running("worker").values().iterator().next();
        CliRun second = deploy("GREETING: Hello two\n");
        assertEquals(ExitCode.OK, second.exitCode(), second.toString());
        web = running("web");
        assertEquals(2, web.size(), web.toString());
        for (String host : web.keySet()) {
            assertEquals("200 Hello two", get(address(host), "/greeting.txt"), "web on " + host);
        }
        assertEquals(workerTask, running("worker").values().iterator().next(), "worker was not restarted");
        String good = Path.of(INSTALL, "current").toRealPath().getFileName().toString();

        // A release that never gets healthy fails and the one before is put back, healthy.
        CliRun broken = deploy("GREETING: Hello three\nWEB_BREAK_HEALTH: true\n");
        assertEquals(ExitCode.DEPLOY_FAILED, broken.exitCode(), broken.toString());
        assertEquals(good, Path.of(INSTALL, "current").toRealPath().getFileName().toString());
        web = running("web");
        assertEquals(2, web.size(), web.toString());
        for (String host : web.keySet()) {
            assertEquals("200 Hello two", get(address(host), "/greeting.txt"), "web on " + host + " after the rollback");
        }

        // A worker node's engine stops: Swarm reports it Down and runs its web replica on the node left.
        String lost = web.keySet().stream().filter(h -> !h.equals(names.get(0))).findFirst().orElseThrow();
        TestTarget.runLocalOk("kill $(cat /run/berth-swarm/" + lost + "/dockerd.pid)");
        waitFor("the manager lists " + lost + " as Down", Duration.ofSeconds(60),
                () -> manager("node ls --format '{{.Hostname}} {{.Status}}'").contains(lost + " Down"));
        List<String> after = new ArrayList<>();
        waitFor("web's two replicas running on the two nodes left", Duration.ofSeconds(90), () -> {
            try {
                after.clear();
                after.addAll(running("web").keySet());
                return after.size() == 2 && !after.contains(lost);
            } catch (Exception e) {
                return false;
            }
        });
        for (String host : after) {
            assertEquals("200 Hello two", get(address(host), "/greeting.txt"), "web on " + host);
        }
        // berth cluster status answers from the manager while the node's engine is down, and says so; berth status
        // of the deployment says it needs attention.
        status = berth("cluster", "status", "--cluster", clusterFile.toString());
        assertEquals(ExitCode.OK, status.exitCode(), status.toString());
        assertTrue(status.out().contains(lost + " is Down"), status.toString());
        assertTrue(status.out().contains("cannot be asked"), status.toString());
        assertTrue(status.out().lines().anyMatch(l -> l.strip().startsWith("web  2/2")), status.toString());
        CliRun deployment = berth("status", "--cluster", clusterFile.toString(), "--install-dir", INSTALL);
        assertEquals(ExitCode.DEPLOY_FAILED, deployment.exitCode(), deployment.toString());
        assertTrue(deployment.out().contains(lost + " is Down"), deployment.toString());
    }
}
