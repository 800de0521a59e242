package dev.berth.cli;

import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.target.Privilege;
import java.time.Duration;

/** For commands that need no full probe: one {@code id -u} tells whether root is reached through sudo. */
final class ServerPrivilege {
    private ServerPrivilege() {}

    static Privilege detect(RemoteShell shell) throws SshException {
        String uid = shell.exec("id -u", Duration.ofSeconds(20)).stdout().strip();
        return "0".equals(uid) ? Privilege.NONE : Privilege.SUDO;
    }
}
