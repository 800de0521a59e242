package dev.berth.cluster;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.RenderException;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.preflight.CheckResult;
import dev.berth.preflight.ClusterCapacityCheck;
import dev.berth.preflight.Outcome;
import dev.berth.preflight.PreflightReport;
import dev.berth.preflight.ServerPreflight;
import dev.berth.ssh.SshException;
import dev.berth.target.Facts;
import dev.berth.text.Localized;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The usual checks on every node of a cluster, one report each, and the cluster's CPU cores and memory judged on all
 * nodes together (the bundle's requirements are the whole stack's, which the nodes share; a Swarm node needs no
 * Compose, so that check is left out). On a redeploy Swarm's own tasks hold the published
 * ports (on the nodes that run them, or every node through the routing mesh), which the port check cannot tell from
 * another program's: ports are judged on the first deploy only. The first manager's record says which it is, whichever
 * node the cluster lists first.
 */
public final class ClusterPreflight {
    /** Each node's facts and report, by name, in the cluster's order. */
    public record Result(Map<String, Facts> facts, Map<String, PreflightReport> reports, List<CheckResult> whole) {
        public Result {
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
            reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
            whole = List.copyOf(whole);
        }

        public boolean failed() {
            return reports.values().stream().anyMatch(r -> r.worst() == Outcome.FAIL)
                    || whole.stream().anyMatch(c -> c.outcome() == Outcome.FAIL);
        }

        /** One sentence naming each node that failed and what it failed. */
        public Localized failure() {
            StringBuilder zh = new StringBuilder();
            StringBuilder en = new StringBuilder();
            Map<String, List<CheckResult>> all = new LinkedHashMap<>();
            reports.forEach((node, r) -> all.put(node, r.withOutcome(Outcome.FAIL)));
            all.put("*", whole.stream().filter(c -> c.outcome() == Outcome.FAIL).toList());
            all.forEach((node, failed) -> {
                if (!failed.isEmpty()) {
                    zh.append(zh.length() == 0 ? "" : "；").append(node.equals("*") ? "集群" : node).append("：")
                            .append(String.join("、", failed.stream().map(c -> c.title().zh()).toList()));
                    en.append(en.length() == 0 ? "" : "; ").append(node.equals("*") ? "the cluster" : node).append(": ")
                            .append(String.join(", ", failed.stream().map(c -> c.title().en()).toList()));
                }
            });
            return Localized.of("有节点未通过检查，未做任何改动（" + zh + "）。",
                    "A node failed the checks; nothing was changed (" + en + ").");
        }
    }

    /** Judged on all nodes together (cores, memory) or not needed by a Swarm node (Compose). */
    private static final java.util.Set<String> NODE_LEFT_OUT = java.util.Set.of("cores", "memory", "compose");

    private ClusterPreflight() {}

    public static Result run(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Bundle bundle,
                             ResolvedAnswers answers, String installDir, Consumer<Localized> progress)
            throws SshException, RenderException {
        Map<String, Facts> facts = new LinkedHashMap<>();
        Map<String, PreflightReport> reports = new LinkedHashMap<>();
        for (ClusterNode n : cluster.nodes()) {
            progress.accept(Localized.of("正在检查节点 " + n.name() + " …", "Checking node " + n.name() + " …"));
            ServerPreflight.Result r = ServerPreflight.run(links.get(n.name()).shell(), bundle, answers, installDir,
                    n.target().host());
            facts.put(n.name(), r.probe().facts());
            reports.put(n.name(), r.report());
        }
        boolean redeploy = facts.get(cluster.leader().name()).installDir().previousRelease() != null;
        reports.replaceAll((node, report) -> without(report, redeploy));
        return new Result(facts, reports, ClusterCapacityCheck.judge(bundle.requirements(), List.copyOf(facts.values())));
    }

    /** The report without what is judged for the whole cluster or does not apply to a node (ports on a redeploy). */
    private static PreflightReport without(PreflightReport report, boolean redeploy) {
        List<CheckResult> kept = report.results().stream().filter(c -> !NODE_LEFT_OUT.contains(c.id())
                && !(redeploy && c.id().startsWith("port:"))).toList();
        return new PreflightReport(kept, kept.stream().map(CheckResult::outcome).reduce(Outcome.PASS, Outcome::worse),
                report.facts());
    }
}
