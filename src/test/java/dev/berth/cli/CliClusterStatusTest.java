package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * berth cluster status on the real three-node swarm (scripts/test-env.sh swarm-up), formed by berth cluster form: with
 * a small stack deployed on it, the command prints every node's size and the stack's service with its two tasks, one
 * on each worker, healthy. Leaves every node out of any swarm.
 */
@IntegrationTest
class CliClusterStatusTest {
    private static final String STACK = "berth-cs";
    private static final String STACK_FILE = """
            version: "3.8"
            services:
              web:
                image: berth-demo/base:1.0
                command: ["sh", "-c", "touch /tmp/ready; exec sleep 100000"]
                stop_grace_period: 1s
                healthcheck: {test: ["CMD", "test", "-e", "/tmp/ready"], interval: 1s, timeout: 2s, retries: 3}
                deploy:
                  replicas: 2
                  endpoint_mode: dnsrr
                  placement: {constraints: ["node.labels.berth.app == true"], max_replicas_per_node: 1}
            """;

    @RegisterExtension
    static final TestTargetCli cli = TestTargetCli.fromAFreshLaptop();

    @Test
    void aFormedSwarmShowsItsNodesSizesAndTheStacksTasks() throws Exception {
        TestTarget t = TestTarget.get();
        TestTarget.runLocalOk(t.property("swarm.start"));
        List<String> nodes = t.swarmNodes();
        List<String> names = t.swarmNodeNames();
        List<String> sockets = List.of(t.property("swarm.sockets").split(","));
        leaveAll(sockets);
        try {
            String file = clusterFile(nodes).toString();
            CliRun form = CliRun.run("cluster", "form", "--cluster", file);
            assertEquals(ExitCode.OK, form.exitCode(), form.toString());
            Path stack = Files.createTempFile("berth-cs", ".yml");
            Files.writeString(stack, STACK_FILE);
            String manager = t.dockerCmd() + " -H unix://" + sockets.get(0);
            TestTarget.runLocalOk(manager + " stack deploy --resolve-image never -c " + stack + " " + STACK);

            CliRun status = null;
            for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < end; ) {
                status = CliRun.run("cluster", "status", "--cluster", file, "--project", STACK);
                if (status.out().contains("  web  2/2  ")) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(ExitCode.OK, status.exitCode(), status.toString());
            System.out.println(status);
            List<String> lines = status.out().lines().toList();
            assertTrue(lines.get(0).startsWith("n1  " + names.get(0) + "  Ready  Active  manager (Leader)"), status.toString());
            for (int i = 0; i < names.size(); i++) {
                String size = names.get(i) + "  \\d+ CPUs  \\d+\\.\\d GiB  Docker 20\\.10\\S*"
                        + (i == 0 ? "  labels: data, leader" : "  labels: app");
                assertTrue(lines.stream().anyMatch(l -> l.matches(size)), "the size of " + names.get(i) + ": " + status);
            }
            int web = lines.indexOf("  web  2/2  berth-demo/base:1.0");
            assertTrue(web > lines.indexOf("Stack " + STACK), status.toString());
            assertEquals(List.of(names.get(1), names.get(2)), lines.subList(web + 1, web + 3).stream()
                    .map(l -> l.strip().split("  ")[0]).sorted().toList(), "a task on each app node: " + status);
            assertTrue(lines.subList(web + 1, web + 3).stream().allMatch(l -> l.endsWith("  running  healthy  0 restarts")),
                    status.toString());
        } finally {
            TestTarget.runLocal(t.dockerCmd() + " -H unix://" + sockets.get(0) + " stack rm " + STACK,
                    Duration.ofSeconds(60));
            leaveAll(sockets);
        }
        for (String s : sockets) {
            assertEquals("inactive", TestTarget.runLocalOk(t.dockerCmd() + " -H unix://" + s
                    + " info --format '{{.Swarm.LocalNodeState}}'").strip(), "no swarm left on " + s);
        }
    }

    private static void leaveAll(List<String> sockets) {
        for (int i = sockets.size() - 1; i >= 0; i--) {
            TestTarget.runLocal(TestTarget.get().dockerCmd() + " -H unix://" + sockets.get(i) + " swarm leave --force",
                    Duration.ofSeconds(60));
        }
    }

    private static Path clusterFile(List<String> nodes) throws Exception {
        TestTarget t = cli.target();
        StringBuilder yaml = new StringBuilder("nodes:\n");
        String[] labels = {"[data]", "[app]", "[app]"};
        for (int i = 0; i < nodes.size(); i++) {
            yaml.append("  - name: n").append(i + 1).append('\n')
                    .append("    target: \"root@").append(nodes.get(i)).append(':').append(t.property("swarm.ssh.port"))
                    .append("\"\n")
                    .append("    identity: ").append(t.ed25519Key()).append('\n')
                    .append("    hostKey: \"").append(t.hostKeyFingerprint()).append("\"\n")
                    .append("    role: ").append(i == 0 ? "manager" : "worker").append('\n')
                    .append("    labels: ").append(labels[i]).append('\n');
        }
        Path f = Files.createTempFile("cluster", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
