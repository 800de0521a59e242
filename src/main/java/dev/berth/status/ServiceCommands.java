package dev.berth.status;

import dev.berth.target.DockerCommands;
import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.List;

/**
 * The dashboard's per-service calls as values: the last log lines of one container, its log followed, and a restart
 * of just that container. Containers come from {@link ServiceStatus#container()}, so no name is ever guessed.
 */
public record ServiceCommands(Privilege privilege) {

    private DockerCommands docker() {
        return new DockerCommands(privilege);
    }

    /** {@code docker logs --tail N --timestamps container}: the recent lines, stdout and stderr. */
    public RemoteCommand logs(String container, int tail) {
        return docker().docker(List.of("logs", "--tail", Integer.toString(tail), "--timestamps", container));
    }

    /**
     * {@code docker logs --follow --tail N container 2>&1}: follows until the channel is closed. A container's stderr
     * is half its log, and a stream hands on stdout only, so the two are merged on the server.
     */
    public RemoteCommand follow(String container, int tail) {
        List<String> logs = docker().docker(List.of("logs", "--follow", "--tail", Integer.toString(tail), container))
                .fullArgv();
        return RemoteCommand.script("exec \"$@\" 2>&1", logs.toArray(String[]::new));
    }

    /**
     * {@code docker restart -t 20 container}: this service only, leaving the rest of the stack as it is. The short
     * flag because the long one is {@code --time} on old clients and deprecated for {@code --timeout} on new ones
     * (Debian's 20.10.24 client prints a warning for it).
     */
    public RemoteCommand restart(String container) {
        return docker().docker(List.of("restart", "-t", "20", container));
    }
}
