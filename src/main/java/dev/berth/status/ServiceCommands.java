package dev.berth.status;

import dev.berth.target.DockerCommands;
import dev.berth.target.Privilege;
import dev.berth.target.RemoteCommand;
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

    /** {@code docker logs --follow --tail N container}: follows until the channel is closed (merge stderr when streaming). */
    public RemoteCommand follow(String container, int tail) {
        return docker().docker(List.of("logs", "--follow", "--tail", Integer.toString(tail), container));
    }

    /** {@code docker restart container}: this service only, leaving the rest of the stack as it is. */
    public RemoteCommand restart(String container) {
        return docker().docker(List.of("restart", "--time", "20", container));
    }
}
