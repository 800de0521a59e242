package dev.berth.ui;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.InstallProject;
import dev.berth.ui.dashboard.ClusterTarget;

/**
 * The wizard's cluster as the dashboard reads it: the first manager's connection from the Server step (reopened when
 * it dropped), how docker runs there (its probe), and the stack, named after the install's compose project (the
 * release just deployed, else the one the manager records). A record of the model alone, so the dashboard keeps its
 * rows when the step is shown again.
 */
record WizardClusterTarget(WizardModel model) implements ClusterTarget {
    @Override
    public RemoteShell manager() throws SshException {
        return model.nodeShell(model.cluster().leader().name());
    }

    @Override
    public Privilege privilege() {
        return model.facts() == null ? Privilege.NONE : model.facts().access().privilege();
    }

    @Override
    public String project() {
        if (model.prepared() != null) {
            return model.prepared().plan().project();
        }
        return model.facts() == null ? "" : InstallProject.of(model.layout().installDir(), model.facts()).name();
    }

    @Override
    public void failed(RemoteShell shell) {
        model.dropNode(model.cluster().leader().name());
    }
}
