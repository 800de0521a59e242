package dev.berth.ui.server;

import dev.berth.cluster.SwarmCommands;
import dev.berth.cluster.SwarmState;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import java.time.Duration;

/**
 * A node's test after it connected: whether its Docker engine answers and what it says of its swarm (in none, a
 * member, a manager). Blocking; the Server step runs it in the background.
 */
final class NodeProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** @param membership what the node is to a swarm, as the table shows it */
    record Found(String fingerprint, SwarmState swarm, Localized membership) {}

    private NodeProbe() {}

    static Found run(RemoteShell shell) throws SshException {
        Privilege privilege = Privilege.detect(shell);
        ExecResult r = shell.exec(new SwarmCommands(privilege).info(), TIMEOUT);
        SwarmState swarm = r.exitCode() == 0 ? SwarmState.parse(r.stdout()) : null;
        if (swarm == null) {
            // docker still prints an empty swarm object when its engine does not answer: the exit status decides.
            String why = r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode());
            throw new SshException(SshException.Kind.REMOTE_FAILED, I18n.both("server.node.noDocker", why));
        }
        return new Found(shell.hostKeyFingerprint(), swarm, membership(swarm));
    }

    static Localized membership(SwarmState s) throws SshException {
        if (s.inactive()) {
            return I18n.both("server.node.noSwarm");
        }
        if (s.active()) {
            return I18n.both(s.manager() ? "server.node.manager" : "server.node.member", s.nodeAddr());
        }
        // pending, locked or error: Berth can neither form nor use that swarm until the node's engine is sorted out.
        String why = s.error() == null || s.error().isBlank() ? s.state() : s.state() + ": " + s.error();
        throw new SshException(SshException.Kind.REMOTE_FAILED, I18n.both("server.node.swarmBroken", why));
    }
}
