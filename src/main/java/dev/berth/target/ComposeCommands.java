package dev.berth.target;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compose calls for one project on one target, as values. Every call names the project and the files
 * explicitly, so it never depends on the current directory or on container names guessed from it. Only an operator
 * action is sent from the laptop as a compose call; the deploy job runs Compose on the server itself
 * ({@code job-lib/compose.sh}).
 *
 * @param variant    which Compose the target has
 * @param project    the compose project name (the bundle id)
 * @param files      compose files, relative to {@code projectDir} or absolute
 * @param projectDir directory the commands run in (the release directory; .env is read from there), or null
 * @param privilege  how docker is reached
 */
public record ComposeCommands(ComposeVariant variant, String project, List<String> files, String projectDir,
                              Privilege privilege) {

    public ComposeCommands {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(project, "project");
        files = List.copyOf(files);
        privilege = Objects.requireNonNullElse(privilege, Privilege.NONE);
    }

    /** {@code exec -T svc argv...}: never allocates a TTY, which a non-interactive channel cannot provide. */
    public RemoteCommand exec(String service, List<String> argv) {
        List<String> sub = new ArrayList<>(List.of("exec", "-T", service));
        sub.addAll(argv);
        return new RemoteCommand(variant.argv(project, files, sub), privilege, projectDir);
    }
}
