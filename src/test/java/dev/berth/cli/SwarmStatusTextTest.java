package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.Privilege;
import dev.berth.status.SwarmStatus;
import dev.berth.status.SwarmView;
import dev.berth.testsupport.Recorded;
import dev.berth.testsupport.ScriptedShell;
import dev.berth.text.Localized;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code berth cluster status} prints about what runs where, from the real swarm's recorded answers
 * (SwarmStatusTest records them), and its refusal of a name that is no stack's.
 */
class SwarmStatusTextTest {
    private static SwarmView view(String recording) throws Exception {
        ScriptedShell shell = new ScriptedShell();
        shell.answer(SwarmStatus.command(Privilege.NONE, "berth-ss"), Recorded.result(recording));
        return SwarmStatus.read(shell, Privilege.NONE, "berth-ss");
    }

    private static List<String> en(List<Localized> lines) {
        return lines.stream().map(Localized::en).toList();
    }

    @Test
    void eachNodesSizeThenEachServiceWithItsReplicasAndTasks() throws Exception {
        List<Localized> lines = SwarmStatusText.lines(view("swarm-status-healthy.txt"), "berth-ss");
        assertEquals(List.of(
                "berth-n1  2 CPUs  23.5 GiB  Docker 20.10.24+dfsg1  labels: data, leader",
                "berth-n2  2 CPUs  23.5 GiB  Docker 20.10.24+dfsg1",
                "berth-n3  2 CPUs  23.5 GiB  Docker 20.10.24+dfsg1",
                "Stack berth-ss",
                "  agent  3/3  berth-demo/base:1.0",
                "    berth-n1  running  none  0 restarts",
                "    berth-n2  running  none  0 restarts",
                "    berth-n3  running  none  0 restarts",
                "  flaky  0/1  berth-demo/base:1.0",
                "    berth-n1  ready  none  2 restarts  task: non-zero exit (3)",
                "  slow  0/1  berth-demo/base:1.0",
                "    berth-n1  starting  starting  0 restarts",
                "  web  2/2  berth-demo/base:1.0",
                "    berth-n2  running  healthy  0 restarts",
                "    berth-n3  running  healthy  0 restarts",
                "  worker  1/1  berth-demo/base:1.0",
                "    berth-n1  running  none  0 restarts"), en(lines));
        assertEquals("berth-n1  2 个 CPU  23.5 GiB  Docker 20.10.24+dfsg1  标签：data, leader", lines.get(0).zh());
        assertEquals("    berth-n1  ready  none  重启 2 次  task: non-zero exit (3)", lines.get(9).zh());
    }

    @Test
    void aDownNodeIsSaidPlainlyAndItsReplicaWaits() throws Exception {
        List<Localized> lines = SwarmStatusText.lines(view("swarm-status-node-down.txt"), "berth-ss");
        int n3 = en(lines).indexOf("berth-n3  2 CPUs  23.5 GiB  Docker 20.10.24+dfsg1");
        assertEquals("  berth-n3 is Down: the manager hears nothing from its Docker engine. Its tasks are not counted as"
                + " running, and Swarm moves replicated services to other nodes where it can.", lines.get(n3 + 1).en());
        assertTrue(lines.get(n3 + 1).zh().startsWith("  berth-n3 的状态是 Down：manager 收不到它的 Docker 引擎的消息。"),
                lines.get(n3 + 1).zh());
        int agent = lines.stream().map(Localized::en).toList().indexOf("  agent  2/2  berth-demo/base:1.0");
        assertEquals(Localized.of("    berth-n3  running  none  重启 0 次（节点 Down）",
                "    berth-n3  running  none  0 restarts  (node Down)"), lines.get(agent + 3),
                "the last the manager heard of a task on a Down node, said to be that");
        List<String> web = en(lines).subList(en(lines).indexOf("  web  1/2  berth-demo/base:1.0"), en(lines).size());
        assertEquals("    berth-n2  running  healthy  0 restarts", web.get(1));
        assertTrue(web.get(2).startsWith("    -  pending  none  1 restart  no suitable node (1 node not available"),
                web.toString());
    }

    @Test
    void aStackWithNothingOnTheSwarmIsSaid() {
        SwarmView empty = new SwarmView(List.of(), List.of());
        assertEquals(List.of(Localized.of("栈 demo 在这个 Swarm 上没有服务。", "The stack demo has no service on this swarm.")),
                SwarmStatusText.lines(empty, "demo"));
        assertEquals(List.of(Localized.of("这个 Swarm 上没有运行任何栈。", "No stack runs on this swarm.")),
                SwarmStatusText.lines(empty, null));
    }

    @Test
    void aNameThatIsNoStacksIsRefusedBeforeAnyConnection() {
        CliRun r = CliRun.run("cluster", "status", "--cluster", "/nonexistent/cluster.yaml", "--project", "My App");
        assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.clean(), r.toString());
        assertTrue(r.err().contains("\"My App\" is not a stack's name: a stack is named after its install's Compose"
                + " project (lower-case letters, digits, - and _)."), r.toString());
    }
}
