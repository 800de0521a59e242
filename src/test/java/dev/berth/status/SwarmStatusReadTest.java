package dev.berth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.SshException;
import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SwarmStatus sends one command to the manager and turns what the test env's real 3-node swarm answered (recorded by
 * SwarmStatusTest under src/test/resources/recorded/swarm-*.txt) into nodes, services and each slot's task.
 */
class SwarmStatusReadTest {
    private static final String STACK = "berth-ss";
    private ScriptedShell shell = new ScriptedShell();

    /** Reads one recording, on a shell of its own (a shell repeats its last answer). */
    private SwarmView read(String recording) throws SshException {
        shell = new ScriptedShell();
        shell.answer(SwarmStatus.command(Privilege.NONE, STACK), Recorded.result(recording));
        return SwarmStatus.read(shell, Privilege.NONE, STACK);
    }

    private static ServiceRow service(SwarmView v, String name) {
        return v.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theReadIsOneScriptWithTheStackAsItsArgument() {
        RemoteCommand c = SwarmStatus.command(Privilege.NONE, STACK);
        assertEquals(List.of("sh", "-c"), c.argv().subList(0, 2));
        assertEquals(List.of("sh", STACK), c.argv().subList(3, 5), "the stack is $1, never part of the script");
        assertTrue(c.argv().get(2).contains("docker service ls --filter \"$filter\""), c.argv().get(2));
        assertEquals("", SwarmStatus.command(Privilege.NONE, null).argv().get(4), "null: every stack");
        assertEquals(List.of("sudo", "-n", "sh", "-c"), SwarmStatus.command(Privilege.SUDO, STACK).fullArgv().subList(0, 4));
        assertEquals(SwarmStatus.command(Privilege.NONE, "a'b; rm -rf /").argv().get(2), c.argv().get(2),
                "a strange name changes no part of the script");
    }

    @Test
    void aHealthyStackReadsAsNodesServicesAndTheirTasks() throws Exception {
        SwarmView v = read("swarm-status-healthy.txt");
        assertEquals(List.of(SwarmStatus.command(Privilege.NONE, STACK)), shell.commands(), "one round trip");
        assertEquals(List.of("berth-n1", "berth-n2", "berth-n3"), v.nodes().stream().map(NodeRow::hostname).toList());
        NodeRow n1 = v.nodes().get(0);
        assertEquals(List.of("manager", "Ready", "Active", "Leader", "20.10.24+dfsg1", "10.77.0.1"),
                List.of(n1.role(), n1.status(), n1.availability(), n1.managerStatus(), n1.engineVersion(), n1.address()));
        assertEquals(2.0, n1.cpus());
        assertEquals(25_275_990_016L, n1.memoryBytes());
        assertEquals(Map.of("data", "true", "leader", "true"), n1.labels(), "berth.* labels, without the prefix");
        assertEquals("", v.nodes().get(1).managerStatus(), "a worker");

        assertEquals(List.of(STACK), v.stacks());
        assertEquals(List.of("agent", "flaky", "slow", "web", "worker"), v.services().stream().map(ServiceRow::name).toList());
        ServiceRow web = service(v, "web");
        assertEquals(List.of(2, 2, "replicated", "berth-demo/base:1.0", "berth-ss_web"),
                List.of(web.running(), web.desired(), web.mode(), web.image(), web.swarmName()),
                "2/2 from \"2/2 (max 1 per node)\"");
        assertEquals(List.of(new TaskRow("1", "berth-n2", "running", "running", "healthy", 0, ""),
                new TaskRow("2", "berth-n3", "running", "running", "healthy", 0, "")), web.tasks());
        assertEquals(List.of(new TaskRow("1", "berth-n1", "running", "running", "none", 0, "")),
                service(v, "worker").tasks(), "no healthcheck: no health");
        ServiceRow agent = service(v, "agent");
        assertEquals(List.of("global", 3, 3), List.of(agent.mode(), agent.running(), agent.desired()));
        assertEquals(List.of("berth-n1", "berth-n2", "berth-n3"), agent.tasks().stream().map(TaskRow::slot).toList(),
                "a global service's slots are its nodes, by name");
    }

    @Test
    void aHealthcheckNotPassedYetIsStartingAndNotRunning() throws Exception {
        ServiceRow slow = service(read("swarm-status-healthy.txt"), "slow");
        assertEquals(List.of(0, 1), List.of(slow.running(), slow.desired()));
        assertEquals(List.of("starting", "starting"), List.of(slow.tasks().get(0).state(), slow.tasks().get(0).health()));
        assertTrue(!slow.complete());
    }

    @Test
    void aServiceThatKeepsFailingShowsItsRestartsAndWhyWhileItWaits() throws Exception {
        ServiceRow flaky = service(read("swarm-status-healthy.txt"), "flaky");
        assertEquals(List.of(new TaskRow("1", "berth-n1", "ready", "ready", "none", 2, "task: non-zero exit (3)")),
                flaky.tasks(), "two failed tasks in its history; the new one, waiting out the delay, says why");
        assertEquals(0, flaky.running());
        // Later, with more history: every earlier failure counts (Swarm keeps 5 tasks a slot).
        assertEquals(4, service(read("swarm-status-node-down.txt"), "flaky").tasks().get(0).restarts());
    }

    @Test
    void aStoppedWorkerIsDownAndItsReplicaIsNotCountedRunning() throws Exception {
        SwarmView v = read("swarm-status-node-down.txt");
        NodeRow n3 = v.nodes().stream().filter(n -> n.hostname().equals("berth-n3")).findFirst().orElseThrow();
        assertEquals("Down", n3.status());
        assertTrue(!n3.ready());
        ServiceRow web = service(v, "web");
        assertEquals(List.of(1, 2), List.of(web.running(), web.desired()),
                "service ls still said 2/2: the task on the Down node is not counted");
        TaskRow replaced = web.tasks().get(1);
        assertEquals(List.of("2", "", "pending", "none", 1), List.of(replaced.slot(), replaced.node(), replaced.state(),
                replaced.health(), replaced.restarts()), "the slot's new task waits for a node; the lost one counts");
        assertTrue(replaced.error().startsWith("no suitable node (1 node not available for new tasks"), replaced.error());
        assertEquals(new TaskRow("1", "berth-n2", "running", "running", "healthy", 0, ""), web.tasks().get(0));
        ServiceRow agent = service(v, "agent");
        assertEquals(List.of(2, 2), List.of(agent.running(), agent.desired()),
                "service ls said 3/2: Swarm shut the Down node's global task down, and it is not counted");
        assertEquals(new TaskRow("berth-n3", "berth-n3", "shutdown", "running", "none", 0, ""), agent.tasks().get(2),
                "still running as far as the manager knows; its node says otherwise");
    }

    @Test
    void aNodeThatIsNotAManagerIsSaidInBothLanguages() {
        shell.answer(SwarmStatus.command(Privilege.NONE, STACK), Recorded.result("swarm-status-not-manager.txt"));
        SshException e = assertThrows(SshException.class, () -> SwarmStatus.read(shell, Privilege.NONE, STACK));
        String why = "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view"
                + " or modify cluster state. Please run this command on a manager node or promote the current node to a"
                + " manager.";
        assertEquals("What runs on the cluster could not be read on the manager: " + why, e.sentence().en());
        assertEquals("无法在 manager 上读取集群的运行状态：" + why, e.sentence().zh());
    }

    @Test
    void anAnswerCutShortIsAFailureNotAnEmptySwarm() {
        // The first sections and no "=== end": the link or the script stopped half way.
        String cut = Recorded.stdout("swarm-status-healthy.txt");
        cut = cut.substring(0, cut.indexOf("=== tasks"));
        shell.answer(SwarmStatus.command(Privilege.NONE, STACK), new ExecResult(0, cut, ""));
        SshException e = assertThrows(SshException.class, () -> SwarmStatus.read(shell, Privilege.NONE, STACK));
        assertEquals("What runs on the cluster could not be read on the manager: exit 0", e.sentence().en());
    }

    @Test
    void aServiceLogIsEveryTaskOfItInTheOrderItWasWritten() throws Exception {
        RemoteCommand logs = SwarmStatus.logsCommand(Privilege.NONE, STACK, "web", 20);
        assertEquals(List.of("docker", "service", "logs", "--tail", "20", "--timestamps", "--no-trunc", "berth-ss_web"),
                logs.argv());
        assertEquals(List.of("sudo", "-n", "docker"), SwarmStatus.logsCommand(Privilege.SUDO, STACK, "web", 5)
                .fullArgv().subList(0, 3));
        shell.answer(logs, Recorded.result("swarm-logs-web.txt"));
        String text = SwarmStatus.logs(shell, Privilege.NONE, STACK, "web", 20);
        assertEquals(List.of("web up on berth-n2", "web warns on berth-n2", "web up on berth-n3", "web warns on berth-n3"),
                text.lines().map(l -> l.substring(l.indexOf("| ") + 2)).toList(),
                "docker gave n3's task first; both streams of both tasks by their time");
        assertTrue(text.lines().allMatch(l -> l.matches("\\S+Z berth-ss_web\\.[12]\\.\\w+@berth-n[23] +\\| .*")), text);
    }

    @Test
    void aLogThatCannotBeReadNamesTheService() {
        // What docker 20.10 says for a service that is not there (as docker service logs printed it on the test swarm).
        shell.answer(SwarmStatus.logsCommand(Privilege.NONE, STACK, "nope", 20),
                new ExecResult(1, "", "Error: No such service: berth-ss_nope\n"));
        SshException e = assertThrows(SshException.class, () -> SwarmStatus.logs(shell, Privilege.NONE, STACK, "nope", 20));
        assertEquals("Reading the log of nope failed: Error: No such service: berth-ss_nope", e.sentence().en());
        assertEquals("读取 nope 的日志失败：Error: No such service: berth-ss_nope", e.sentence().zh());
    }
}
