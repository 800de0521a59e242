package dev.berth.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.util.Vector;

/** Key files named for the target first, then the keys held by ssh-agent. Read-only: Berth adds nothing. */
final class CombinedIdentities implements IdentityRepository {
    private final IdentityRepository files;
    private final IdentityRepository agent;

    CombinedIdentities(IdentityRepository files, IdentityRepository agent) {
        this.files = files;
        this.agent = agent;
    }

    @Override
    public String getName() {
        return "berth-files+agent";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        Vector<Identity> all = new Vector<>(files.getIdentities());
        if (agent.getStatus() != UNAVAILABLE) {
            all.addAll(agent.getIdentities());
        }
        return all;
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {
        // Never clears the operator's agent.
    }
}
