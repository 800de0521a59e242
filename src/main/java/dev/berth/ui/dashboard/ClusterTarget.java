package dev.berth.ui.dashboard;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;

/**
 * A deployment that runs as a Swarm stack: what the dashboard needs to read it. The wizard's cluster model implements
 * it; {@link DashboardViewModel#clusterFrom} is where it is handed in.
 */
public interface ClusterTarget {
    /** A shell on a manager of the swarm (blocking: may connect, and reconnect after {@link #failed}). */
    RemoteShell manager() throws SshException;

    /** How docker is run on that manager. */
    Privilege privilege();

    /** The stack's name on the swarm (the install's compose project). */
    String project();

    /** {@code shell} failed as a connection: the next {@link #manager()} should open a fresh one. */
    default void failed(RemoteShell shell) {}
}
