package dev.berth.target;

import dev.berth.ssh.RemoteShell;

/** Lets tests in other packages use the package-private {@link LocalShell}. */
public final class LocalShellAccess {
    public RemoteShell shell() {
        return new LocalShell();
    }
}
