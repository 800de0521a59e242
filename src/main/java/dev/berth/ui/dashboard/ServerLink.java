package dev.berth.ui.dashboard;

import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ui.WizardModel;

/**
 * Where the dashboard's calls go: the wizard's one connection, reopened after it dropped. A seam so that view-model
 * tests can hand in a scripted shell instead of an SSH login.
 */
interface ServerLink {
    /** The open connection (blocking: reconnects when it dropped). */
    RemoteShell shell() throws SshException;

    /** {@code shell} failed: the next {@link #shell()} must open a fresh one. */
    void failed(RemoteShell shell);

    static ServerLink of(WizardModel model) {
        return new ServerLink() {
            @Override
            public RemoteShell shell() throws SshException {
                return model.shell();
            }

            @Override
            public void failed(RemoteShell shell) {
                model.dropIfCurrent(shell);
            }
        };
    }
}
