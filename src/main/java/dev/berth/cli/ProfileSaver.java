package dev.berth.cli;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.cluster.ClusterNode;
import dev.berth.cluster.ClusterSpec;
import dev.berth.profile.BerthHome;
import dev.berth.profile.Profile;
import dev.berth.profile.ProfileException;
import dev.berth.profile.ProfileNode;
import dev.berth.profile.ProfileStore;
import dev.berth.ssh.HostKeyStore;
import dev.berth.ssh.TargetSpec;
import dev.berth.text.Localized;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code deploy --save-profile NAME}: keeps what a successful deploy used, so the next run needs only --profile. */
final class ProfileSaver {
    private ProfileSaver() {}

    /** Refuses a bad name before anything connects, so the operator does not learn of it after a long deploy. */
    static void checkName(String name) {
        if (name == null) {
            return;
        }
        try {
            ProfileStore.checkName(name);
        } catch (ProfileException e) {
            throw new CliFailure(ExitCode.USAGE, e.sentence());
        }
    }

    /**
     * Saves the answers actually used (generated secrets included) and the target with the host key that was
     * verified; a failure is reported but does not undo the deployment.
     */
    static void save(String name, Bundle bundle, ResolvedAnswers used, TargetSpec spec, String installDir, Output out) {
        TargetSpec target = spec.withInstallDir(installDir);
        if (target.hostKey() == null) {
            target = target.withHostKey(pinnedKey(target));
        }
        store(name, Profile.of(name, bundle, target, used, Instant.now()), bundle, out);
    }

    /**
     * {@code --save-profile} after a cluster deploy: the nodes, each with the host key that was verified, and the
     * operator's answers. The generated secrets stay out: they live in the first manager's release and every redeploy
     * keeps them from there (ClusterDeploy reads them back), so a profile cannot hold a value the servers do not use.
     */
    static void saveCluster(String name, Bundle bundle, Map<String, Object> given, ClusterSpec cluster,
                            String installDir, Output out) {
        List<ProfileNode> nodes = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            TargetSpec t = n.target();
            if (t.hostKey() == null) {
                t = t.withHostKey(pinnedKey(t));
            }
            nodes.add(new ProfileNode(n.name(), t, n.manager(), n.labels(), n.login()));
        }
        store(name, Profile.ofCluster(name, bundle, nodes, installDir, given, Instant.now()), bundle, out);
    }

    private static void store(String name, Profile p, Bundle bundle, Output out) {
        try {
            ProfileStore store = ProfileStore.atDefaultHome();
            store.save(p, bundle);
            out.info(Localized.of("已保存配置档 " + name + "（" + store.fileOf(name) + "）；下次用 --profile " + name + " 即可。",
                    "Saved profile " + name + " (" + store.fileOf(name) + "); next time just use --profile " + name + "."));
        } catch (ProfileException e) {
            out.problem(Localized.of("部署已成功，但配置档 " + name + " 未保存：" + e.sentence().zh(),
                    "The deployment succeeded, but profile " + name + " was not saved: " + e.sentence().en()));
        }
    }

    /** The fingerprint pinned in Berth's known_hosts on this connection, so the profile names the key it trusts. */
    private static String pinnedKey(TargetSpec target) {
        try {
            List<HostKeyStore.PinnedKey> keys = HostKeyStore.inHome(BerthHome.get()).keysFor(target.knownHostsName());
            return keys.size() == 1 ? keys.get(0).fingerprint() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
