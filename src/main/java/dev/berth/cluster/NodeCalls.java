package dev.berth.cluster;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteCommand;
import dev.berth.ssh.SshException;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import java.time.Duration;
import java.util.Map;

/** One command on one node of a cluster; a failure is a sentence naming the node and what failed there. */
final class NodeCalls {
    static final Duration CALL = Duration.ofSeconds(60);

    private NodeCalls() {}

    static ExecResult run(Map<String, SwarmFormer.Link> links, ClusterNode n, RemoteCommand c, byte[] stdin,
                          String what) throws SshException, ClusterException {
        ExecResult r = links.get(n.name()).shell().exec(c, stdin, CALL);
        if (!r.ok()) {
            String err = r.stderr().strip();
            throw new ClusterException(Category.SERVER_WORK, Localized.of(
                    "节点 " + n.name() + " 上的 " + what + " 失败：" + err, what + " failed on node " + n.name() + ": " + err));
        }
        return r;
    }
}
