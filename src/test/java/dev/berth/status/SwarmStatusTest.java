package dev.berth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.Credentials;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.HostKeyDecision;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import dev.berth.testsupport.IntegrationTest;
import dev.berth.testsupport.TestTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/*
 * What runs on a real three-node swarm (scripts/test-env.sh swarm-up: one manager, two workers, each its own dockerd
 * 20.10 and sshd), read by SwarmStatus over SSH on the manager: a stack of five busybox services (web: two healthy
 * replicas, one a worker; worker: one on the manager, no healthcheck; flaky: exits and is restarted; agent: global;
 * slow: its healthcheck never passes), then one worker's dockerd stopped (the node Down, its task not counted running), then
 * started again. Forms the swarm with docker commands directly and leaves every node out of any swarm at the end.
 *
 * Re-records the answers the unit tests replay (src/test/resources/recorded/swarm-*.txt) when run with
 * -Dberth.record=true:
 *   flock -o /var/lock/berth-it.lock ./mvnw -B -ntp -o test-compile failsafe:integration-test failsafe:verify \
 *       -Dit.test=SwarmStatusTest -Dberth.record=true
 */
@IntegrationTest
class SwarmStatusTest {
    private static final String STACK = "berth-ss";
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final String STACK_FILE = """
            version: "3.8"
            services:
              web:
                image: berth-demo/base:1.0
                hostname: "{{.Node.Hostname}}"
                command: ["sh", "-c", "echo web up on $$(hostname); echo web warns on $$(hostname) >&2; touch /tmp/ready; exec nc -ll -p 8080 -e hostname"]
                stop_grace_period: 1s
                healthcheck: {test: ["CMD", "test", "-e", "/tmp/ready"], interval: 1s, timeout: 2s, retries: 3}
                ports: [{target: 8080, published: 18096, mode: host}]
                deploy:
                  replicas: 2
                  endpoint_mode: dnsrr
                  placement: {constraints: ["node.role == worker"], max_replicas_per_node: 1}
              worker:
                image: berth-demo/base:1.0
                command: ["sleep", "100000"]
                stop_grace_period: 1s
                deploy:
                  endpoint_mode: dnsrr
                  placement: {constraints: ["node.role == manager"]}
              flaky:
                image: berth-demo/base:1.0
                command: ["sh", "-c", "echo flaky gives up >&2; exit 3"]
                deploy:
                  endpoint_mode: dnsrr
                  restart_policy: {condition: any, delay: 1s}
                  placement: {constraints: ["node.role == manager"]}
              agent:
                image: berth-demo/base:1.0
                command: ["sleep", "100000"]
                stop_grace_period: 1s
                deploy:
                  mode: global
                  endpoint_mode: dnsrr
              slow:
                image: berth-demo/base:1.0
                command: ["sleep", "100000"]
                stop_grace_period: 1s
                healthcheck: {test: ["CMD", "test", "-e", "/tmp/never"], interval: 1s, retries: 3, start_period: 10m}
                deploy:
                  endpoint_mode: dnsrr
                  placement: {constraints: ["node.role == manager"]}
            """;

    private final TestTarget target = TestTarget.get();
    private final boolean record = Boolean.getBoolean("berth.record");
    private final Path recordDir = Path.of(System.getProperty("berth.projectDir", "."), "src/test/resources/recorded");

    @Test
    void aStackReadsAsReplicasNodesAndHealthAndAStoppedWorkerShowsDown() throws Exception {
        target.startSwarmNodes();
        List<String> addresses = target.swarmNodes();
        List<String> names = target.swarmNodeNames();
        Path home = TestTarget.newBerthHome();
        List<RemoteShell> nodes = new ArrayList<>();
        try {
            for (String address : addresses) {
                nodes.add(TestTarget.isolatedConnector().connect(target.swarmNodeSpec(address), Credentials.none(),
                        HostKeyStore.inHome(home), HostKeyDecision.REFUSE, Duration.ofSeconds(20)));
            }
            try {
                form(nodes, addresses);
                readTheStack(nodes, names);
            } finally {
                target.startSwarmNodes();
                leave(nodes);
            }
            for (int i = 0; i < nodes.size(); i++) {
                assertEquals("inactive", ok(nodes.get(i), "docker", "info", "--format", "{{.Swarm.LocalNodeState}}")
                        .strip(), names.get(i) + " is left out of any swarm");
            }
            // n3's engine was stopped: the nodes start afresh for the tests after this one.
            target.resetSwarmNodes();
        } finally {
            nodes.forEach(RemoteShell::close);
        }
    }

    private void readTheStack(List<RemoteShell> nodes, List<String> names) throws Exception {
        RemoteShell manager = nodes.get(0);
        String n1 = names.get(0);
        String n3 = names.get(2);
        SshException notManager = assertThrows(SshException.class, () -> SwarmStatus.read(nodes.get(1), Privilege.NONE, STACK));
        assertTrue(notManager.sentence().en().startsWith("What runs on the cluster could not be read on the manager: "
                + "Error response from daemon: This node is not a swarm manager."), notManager.sentence().en());
        save("swarm-status-not-manager.txt", nodes.get(1), SwarmStatus.command(Privilege.NONE, STACK), "a worker");

        ExecResult deployed = manager.exec(RemoteCommand.script(
                "cat > /tmp/berth-ss.yml && exec docker stack deploy --resolve-image never -c /tmp/berth-ss.yml \"$1\"",
                STACK), STACK_FILE.getBytes(StandardCharsets.UTF_8), CALL);
        assertEquals(0, deployed.exitCode(), deployed.stderr());

        SwarmView up = await(manager, v -> service(v, "web").running() == 2 && service(v, "worker").running() == 1
                && service(v, "agent").running() == 3
                && service(v, "flaky").tasks().get(0).restarts() >= 2
                && "starting".equals(service(v, "slow").tasks().get(0).state()), "the stack up, flaky restarted twice");
        save("swarm-status-healthy.txt", manager, SwarmStatus.command(Privilege.NONE, STACK), "the manager");
        System.out.println(up);
        assertEquals(3, up.nodes().size());
        assertEquals(List.of(n1, names.get(1), n3), up.nodes().stream().map(NodeRow::hostname).toList());
        assertEquals("Leader", up.nodes().get(0).managerStatus());
        assertTrue(up.nodes().stream().allMatch(n -> n.ready() && "Active".equals(n.availability())
                && n.cpus() > 0 && n.memoryBytes() > 0), up.nodes().toString());
        assertEquals(List.of(STACK), up.stacks());
        ServiceRow web = service(up, "web");
        assertEquals(2, web.desired());
        assertEquals(Set.of(names.get(1), n3), new TreeSet<>(web.tasks().stream().map(TaskRow::node).toList()),
                "one web replica on each worker");
        assertTrue(web.tasks().stream().allMatch(t -> "healthy".equals(t.health()) && t.restarts() == 0), web.toString());
        TaskRow worker = service(up, "worker").tasks().get(0);
        assertEquals(List.of(n1, "running", "none"), List.of(worker.node(), worker.state(), worker.health()));
        TaskRow flaky = service(up, "flaky").tasks().get(0);
        assertTrue(flaky.restarts() >= 2, flaky.toString());
        ServiceRow agent = service(up, "agent");
        assertEquals(List.of("global", 3, 3), List.of(agent.mode(), agent.running(), agent.desired()));
        assertEquals(names, agent.tasks().stream().map(TaskRow::slot).sorted().toList(),
                "a global service's slot is its node");
        ServiceRow slow = service(up, "slow");
        assertEquals(List.of(0, 1, "starting"), List.of(slow.running(), slow.desired(), slow.tasks().get(0).health()),
                "a healthcheck that has not passed: not running yet");

        long t = System.nanoTime();
        int reads = 10;
        for (int i = 0; i < reads; i++) {
            SwarmStatus.read(manager, Privilege.NONE, STACK);
        }
        System.out.printf("one read of the swarm over SSH: %d ms on average over %d%n",
                (System.nanoTime() - t) / 1_000_000 / reads, reads);

        String logs = SwarmStatus.logs(manager, Privilege.NONE, STACK, "web", 20);
        save("swarm-logs-web.txt", manager, SwarmStatus.logsCommand(Privilege.NONE, STACK, "web", 20), "the manager");
        for (String node : List.of(names.get(1), n3)) {
            assertTrue(logs.contains("web up on " + node) && logs.contains("web warns on " + node),
                    "both streams of both tasks: " + logs);
        }
        assertTrue(logs.lines().allMatch(l -> l.matches("\\S+Z " + STACK + "_web\\.[12]\\.\\w+@\\S+ +\\| .*")),
                "each line stamped and named after its task and node: " + logs);

        // n3's engine stops: the manager hears nothing more from it and marks it Down after a few heartbeats.
        TestTarget.runLocalOk("kill $(cat /run/berth-swarm/" + n3 + "/dockerd.pid)");
        SwarmView down = await(manager, v -> !node(v, n3).ready(), n3 + " Down");
        save("swarm-status-node-down.txt", manager, SwarmStatus.command(Privilege.NONE, STACK), "the manager, "
                + n3 + "'s dockerd stopped");
        assertEquals("Down", node(down, n3).status());
        ServiceRow webDown = service(down, "web");
        assertEquals(1, webDown.running(), "the replica on the Down node is not counted running: " + webDown);
        assertEquals(2, webDown.desired());
        ServiceRow agentDown = service(down, "agent");
        assertEquals(2, agentDown.running(), "the global task on the Down node is not counted: " + agentDown);

        target.startSwarmNodes();
        await(manager, v -> node(v, n3).ready() && service(v, "web").running() == 2, n3 + " back, web 2/2");
    }

    private static ServiceRow service(SwarmView v, String name) {
        return v.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name + " in " + v));
    }

    private static NodeRow node(SwarmView v, String hostname) {
        return v.nodes().stream().filter(n -> n.hostname().equals(hostname)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + hostname + " in " + v));
    }

    private static SwarmView await(RemoteShell manager, Predicate<SwarmView> done, String what) throws Exception {
        SwarmView last = null;
        long start = System.nanoTime();
        for (long end = start + Duration.ofSeconds(90).toNanos(); System.nanoTime() < end; ) {
            last = SwarmStatus.read(manager, Privilege.NONE, STACK);
            try {
                if (done.test(last)) {
                    System.out.printf("%s after %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
                    return last;
                }
            } catch (AssertionError | IndexOutOfBoundsException notYet) {
                // A service or task not listed yet.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("never " + what + "; last read: " + last);
    }

    private static void form(List<RemoteShell> nodes, List<String> addresses) throws SshException {
        leave(nodes);
        ok(nodes.get(0), "docker", "swarm", "init", "--advertise-addr", addresses.get(0));
        String token = ok(nodes.get(0), "docker", "swarm", "join-token", "-q", "worker").strip();
        for (RemoteShell worker : nodes.subList(1, nodes.size())) {
            ok(worker, "docker", "swarm", "join", "--token", token, addresses.get(0) + ":2377");
        }
        ok(nodes.get(0), "docker", "node", "update", "--label-add", "berth.leader=true", "--label-add",
                "berth.data=true", ok(nodes.get(0), "docker", "info", "--format", "{{.Swarm.NodeID}}").strip());
    }

    /** The stack, then every node out of the swarm, workers first; whatever the test got to. */
    private static void leave(List<RemoteShell> nodes) {
        quietly(nodes.get(0), "docker", "stack", "rm", STACK);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            quietly(nodes.get(i), "docker", "swarm", "leave", "--force");
        }
    }

    private static void quietly(RemoteShell shell, String... argv) {
        try {
            shell.exec(RemoteCommand.of(argv), CALL);
        } catch (SshException e) {
            System.out.println("cleanup: " + String.join(" ", argv) + ": " + e.getMessage());
        }
    }

    private static String ok(RemoteShell shell, String... argv) throws SshException {
        ExecResult r = shell.exec(RemoteCommand.of(argv), CALL);
        assertEquals(0, r.exitCode(), () -> String.join(" ", argv) + " failed: " + r.stderr() + r.stdout());
        return r.stdout();
    }

    /** With -Dberth.record=true: runs the command once more and keeps its answer for the unit tests. */
    private void save(String name, RemoteShell shell, RemoteCommand command, String where) throws Exception {
        if (!record) {
            return;
        }
        ExecResult r = shell.exec(command, CALL);
        String header = "# recorded " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by SwarmStatusTest"
                + " (-Dberth.record=true) from " + where + " of the test env's 3-node swarm (scripts/test-env.sh"
                + " swarm-up, Docker " + ok(shell, "docker", "version", "--format", "{{.Server.Version}}").strip()
                + "), stack " + STACK + " of SwarmStatusTest; command: " + describe(command) + "\n";
        Files.writeString(recordDir.resolve(name), header + "--- exit " + r.exitCode() + "\n--- stdout\n" + r.stdout()
                + (r.stdout().isEmpty() || r.stdout().endsWith("\n") ? "" : "\n") + "--- stderr\n" + r.stderr(),
                StandardCharsets.UTF_8);
    }

    /** A script's body is many lines: the header names the builder instead. */
    private static String describe(RemoteCommand command) {
        return command.argv().get(0).equals("sh") ? "SwarmStatus.command(NONE, \"" + STACK + "\")" : command.toShell();
    }
}
