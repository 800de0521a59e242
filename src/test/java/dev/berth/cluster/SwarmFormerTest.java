package dev.berth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.TargetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forming a swarm from a cluster file: who is asked what, in which order, and that a join token never shows. */
class SwarmFormerTest {
    private final FakeSwarm swarm = new FakeSwarm();
    private final List<String> said = new ArrayList<>();

    private ClusterSpec threeNodes() {
        swarm.engine("n1", "10.77.0.1");
        swarm.engine("n2", "10.77.0.2");
        swarm.engine("n3", "10.77.0.3");
        return new ClusterSpec(List.of(
                new ClusterNode("n1", TargetSpec.parse("root@10.77.0.1"), ClusterNode.Role.MANAGER, List.of()),
                new ClusterNode("n2", TargetSpec.parse("root@10.77.0.2"), ClusterNode.Role.WORKER, List.of("app")),
                new ClusterNode("n3", TargetSpec.parse("root@10.77.0.3"), ClusterNode.Role.WORKER, List.of("data"))));
    }

    private SwarmFormer former(ClusterSpec c) {
        Map<String, SwarmFormer.Link> links = new LinkedHashMap<>();
        swarm.engines.forEach((name, e) -> links.put(name, new SwarmFormer.Link(e, Privilege.NONE)));
        return new SwarmFormer(c, links, l -> said.add(l.en()));
    }

    @Test
    void serversInNoSwarmBecomeOneWithTheFirstManagerLeadingAndTheirLabelsSet() throws Exception {
        SwarmFormer.Outcome o = former(threeNodes()).form();
        assertTrue(o.formedNow());
        assertEquals(List.of("n1", "n2", "n3"), o.members().stream().map(SwarmFormer.Member::node).toList());
        assertTrue(o.members().stream().allMatch(m -> m.status().equals("Ready")));
        assertEquals("Leader", o.members().get(0).managerStatus());
        assertEquals(List.of("Creating the swarm on n1", "Joining n2 as a worker", "Joining n3 as a worker"), said);
        assertEquals(List.of("docker", "swarm", "init", "--advertise-addr", "10.77.0.1", "--listen-addr",
                "10.77.0.1:2377"), swarm.calls.stream().filter(c -> String.join(" ", c.command().argv())
                .startsWith("docker swarm init")).findFirst().orElseThrow().command().argv());
        assertEquals(List.of("berth.leader=true"), swarm.engines.get("n1").labels, "where unplaced services run");
        assertEquals(List.of("berth.app=true"), swarm.engines.get("n2").labels);
        assertEquals(List.of("berth.data=true"), swarm.engines.get("n3").labels);
    }

    @Test
    void aJoinTokenTravelsOnStdinOnlyAndNeverInACommandLine() throws Exception {
        former(threeNodes()).form();
        for (FakeSwarm.Call c : swarm.calls) {
            assertFalse(c.command().toShell().contains("SWMTKN"), "no token in " + c.command().toShell());
        }
        List<FakeSwarm.Call> joins = swarm.calls.stream().filter(c -> c.command().argv().get(0).equals("sh")
                && c.command().argv().get(2).contains("swarm join")).toList();
        assertEquals(List.of("n2", "n3"), joins.stream().map(FakeSwarm.Call::node).toList());
        assertTrue(joins.stream().allMatch(c -> c.stdin().equals("SWMTKN-1-worker-secret\n")));
    }

    @Test
    void anExistingSwarmIsUsedAsItIsAndAListedServerOutsideItIsRefused() throws Exception {
        ClusterSpec c = threeNodes();
        former(c).form();
        said.clear();
        int before = swarm.calls.size();
        SwarmFormer.Outcome again = former(c).form();
        assertFalse(again.formedNow());
        assertTrue(swarm.calls.subList(before, swarm.calls.size()).stream()
                .noneMatch(x -> String.join(" ", x.command().argv()).contains("swarm init")
                        || String.join(" ", x.command().argv()).contains("swarm join")), "nothing initialised or joined again");

        swarm.engines.get("n3").state = "inactive"; // n3 left the swarm (or was never in it)
        ClusterException e = assertThrows(ClusterException.class, () -> former(c).form());
        assertEquals("n3 is not a member of the swarm n1 manages; Berth does not change an existing swarm on its own"
                + " (joining or removing nodes is an explicit action).", e.sentence().en());
    }

    @Test
    void aBlockedPortBetweenTheNodesLeavesNoHalfMadeSwarm() {
        ClusterSpec c = threeNodes();
        swarm.engines.get("n3").blocked.add("10.77.0.1:2377");
        ClusterException e = assertThrows(ClusterException.class, () -> former(c).form());
        assertEquals("Ports are blocked between the nodes: n3 → n1 TCP 2377. Open TCP 2377, TCP and UDP 7946 and UDP 4789"
                + " between the servers (Swarm's joining, gossip and overlay network). No half-made swarm was left behind.",
                e.sentence().en());
        assertTrue(swarm.engines.values().stream().allMatch(x -> x.state.equals("inactive")), "the manager left again");
        assertTrue(swarm.calls.stream().noneMatch(x -> x.command().argv().get(0).equals("sh")
                && x.command().argv().get(2).contains("swarm join")), "nobody joined");
    }

    @Test
    void aJoinThatFailsTakesTheWholeNewSwarmBack() {
        ClusterSpec c = threeNodes();
        FakeSwarm.Engine n2 = swarm.engines.get("n2");
        // n2 joins with the token n1 gave, then the token rotates under n3's feet and its join fails.
        swarm.rotateAfterJoins = 1;
        ClusterException e = assertThrows(ClusterException.class, () -> former(c).form());
        assertTrue(e.sentence().en().contains("docker swarm join failed on node n3"), e.sentence().en());
        assertEquals("inactive", n2.state, "n2 left again");
        assertEquals("inactive", swarm.engines.get("n1").state, "the new swarm was taken back");
    }

    @Test
    void enginesOfAnotherMajorVersionOrClocksApartAreRefusedBeforeAnythingIsMade() {
        ClusterSpec c = threeNodes();
        swarm.engines.get("n2").version = "26.1.5";
        ClusterException v = assertThrows(ClusterException.class, () -> former(c).form());
        assertTrue(v.sentence().en().startsWith("The nodes run different Docker major versions ({n1=20.10.24,"
                + " n2=26.1.5, n3=20.10.24})"), v.sentence().en());
        swarm.engines.get("n2").version = "20.10.21";
        swarm.engines.get("n3").clock += 42;
        ClusterException t = assertThrows(ClusterException.class, () -> former(c).form());
        assertEquals("The clock of n3 is 42 s ahead of n1's: a swarm needs its nodes' clocks within 5 s (turn on NTP or"
                + " chrony). Nothing was changed.", t.sentence().en());
        assertTrue(swarm.calls.stream().noneMatch(x -> String.join(" ", x.command().argv()).contains("swarm init")));
    }

    @Test
    void aWorkerIsRemovedAndJoinedAgainOnlyWhenAskedAndAManagerIsNeverRemovedThisWay() throws Exception {
        ClusterSpec c = threeNodes();
        former(c).form();
        former(c).remove("n3");
        assertEquals("inactive", swarm.engines.get("n3").state, "n3 left and the manager forgot it");
        assertEquals(2, swarm.engines.values().stream().filter(e -> e.state.equals("active")).count());
        ClusterException outsider = assertThrows(ClusterException.class, () -> former(c).form());
        assertTrue(outsider.sentence().en().startsWith("n3 is not a member"), outsider.sentence().en());

        former(c).join("n3");
        assertEquals("active", swarm.engines.get("n3").state);
        assertEquals(List.of("berth.data=true"), swarm.engines.get("n3").labels,
                "labelled again on joining (Swarm forgot the labels with the node)");
        ClusterException manager = assertThrows(ClusterException.class, () -> former(c).remove("n1"));
        assertTrue(manager.sentence().en().startsWith("n1 is a manager: the swarm's majority depends on it"),
                manager.sentence().en());
        ClusterException unknown = assertThrows(ClusterException.class, () -> former(c).join("n9"));
        assertEquals("The cluster file lists no node n9 (it lists n1, n2, n3).", unknown.sentence().en());
    }

    @Test
    void statusStillAnswersWhenAWorkersEngineIsDownAndListsItAsOneThatCannotBeAsked() throws Exception {
        ClusterSpec c = threeNodes();
        former(c).form();
        swarm.engines.get("n3").engineDown = true;
        SwarmFormer.Outcome o = former(c).members();
        assertEquals(List.of("n1", "n2", "n3"), o.members().stream().map(SwarmFormer.Member::node).toList());
        assertEquals("unreachable", o.members().get(2).status());
        assertEquals("", o.members().get(2).id());
        assertEquals("Ready", o.members().get(1).status());
    }

    @Test
    void nodesWhoseMtusDifferAreRefusedBeforeAnythingIsMade() {
        ClusterSpec c = threeNodes();
        SwarmFormer f = former(c);
        swarm.engines.get("n2").mtu = "1450";
        ClusterException e = assertThrows(ClusterException.class, f::form);
        assertEquals("The nodes' network MTUs differ ({n1=1500, n2=1450, n3=1500}): Swarm's overlay network needs them"
                + " the same, or large packets are dropped and connections hang. Give the nodes' interfaces the same MTU."
                + " Nothing was changed.", e.sentence().en());
        assertTrue(swarm.engines.values().stream().allMatch(en -> en.state.equals("inactive")), "no swarm made");
    }

    @Test
    void statusSaysSoWhenThereIsNoSwarmYet() {
        ClusterException e = assertThrows(ClusterException.class, () -> former(threeNodes()).members());
        assertEquals("n1 manages no swarm yet: run berth cluster form first.", e.sentence().en());
    }
}
