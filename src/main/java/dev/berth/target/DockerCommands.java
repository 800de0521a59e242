package dev.berth.target;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * A docker CLI call as a value, with the privilege docker is reached by. Its caller ({@code status.ServiceCommands})
 * names the subcommand; the probe, the status script and the deploy job call docker on the server themselves.
 */
public record DockerCommands(Privilege privilege) {

    public DockerCommands {
        privilege = privilege == null ? Privilege.NONE : privilege;
    }

    /** {@code docker args...}, each argument one argv word (Go templates need no extra quoting). */
    public RemoteCommand docker(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("docker");
        argv.addAll(args);
        return new RemoteCommand(argv, privilege, null);
    }
}
