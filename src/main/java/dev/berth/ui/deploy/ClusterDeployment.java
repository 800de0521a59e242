package dev.berth.ui.deploy;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.cluster.ClusterDeployer;
import dev.berth.cluster.ClusterException;
import dev.berth.cluster.ClusterPreflight;
import dev.berth.cluster.ClusterSpec;
import dev.berth.cluster.SwarmFormer;
import dev.berth.deploy.DeployListener;
import dev.berth.deploy.DeployOutcome;
import dev.berth.deploy.Deployer;
import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.ReleaseLayout;
import dev.berth.preflight.Outcome;
import dev.berth.target.Facts;
import dev.berth.text.BerthException;
import dev.berth.text.Localized;
import dev.berth.ui.WizardModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The Deploy step's work for a cluster target, on the background executor: the engine calls {@code berth deploy
 * --cluster} makes (cli.ClusterDeploy), over the connections the Server step opened. Every node is checked, the swarm
 * formed (or the one the nodes form checked), the release prepared against the first manager and its job followed.
 */
final class ClusterDeployment implements DeployViewModel.ClusterRun {
    private final WizardModel model;

    ClusterDeployment(WizardModel model) {
        this.model = model;
    }

    @Override
    public DeployOutcome run(ClusterSpec cluster, Bundle bundle, ResolvedAnswers answers, Path images,
                             ReleaseLayout layout, DeployViewModel.ClusterWatcher watcher) throws Exception {
        Map<String, SwarmFormer.Link> links = model.nodeLinks(); // tested on the Server step; reopened when dropped
        Map<String, Facts> facts = check(cluster, links, bundle, answers, layout, watcher);
        SwarmFormer.Outcome formed = new SwarmFormer(cluster, links, watcher::phase).form();
        watcher.phase(formed.formedNow()
                ? Localized.of("Swarm 已创建：" + cluster.nodes().size() + " 个节点。", "The swarm is formed: "
                        + cluster.nodes().size() + " nodes.")
                : Localized.of("这些服务器已组成 Swarm，按原样使用。", "These servers form a swarm; it is used as it is."));
        ClusterDeployer deployer = new ClusterDeployer(cluster, links, layout, Clock.systemUTC());
        Map<String, String> addresses = deployer.addresses();
        PreparedRelease release = deployer.prepare(facts, addresses, bundle, answers, images,
                cluster.leader().target().host());
        watcher.prepared(release, deployer.leaderDeployer());
        return deployer.deploy(release, bundle, addresses, watcher);
    }

    private static Map<String, Facts> check(ClusterSpec cluster, Map<String, SwarmFormer.Link> links, Bundle bundle,
                                            ResolvedAnswers answers, ReleaseLayout layout, DeployListener listener)
            throws Exception {
        ClusterPreflight.Result r = ClusterPreflight.run(cluster, links, bundle, answers, layout.installDir(),
                listener::phase);
        if (r.failed()) {
            throw new ClusterException(BerthException.Category.PREFLIGHT, r.failure());
        }
        return r.facts();
    }
}
