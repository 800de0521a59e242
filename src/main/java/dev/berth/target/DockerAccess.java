package dev.berth.target;

import dev.berth.ssh.Privilege;
/** How the login user reaches the Docker daemon. */
public enum DockerAccess {
    /** The user can talk to the socket (root, or in the docker group). */
    DIRECT,
    /** Only through {@code sudo -n docker}. */
    SUDO,
    /** The CLI is installed but the daemon did not answer (stopped, or permission denied without sudo). */
    UNREACHABLE,
    /** No docker CLI at all. */
    MISSING;

    public boolean reachable() {
        return this == DIRECT || this == SUDO;
    }

    /** How docker commands must be run for this access. */
    public Privilege privilege() {
        return this == SUDO ? Privilege.SUDO : Privilege.NONE;
    }
}
