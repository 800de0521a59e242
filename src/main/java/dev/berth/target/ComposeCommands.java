package dev.berth.target;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compose calls for one project on one target, as values. Every call names the project and the files
 * explicitly, so it never depends on the current directory or on container names guessed from it.
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

    /** Any compose subcommand with its arguments. */
    public RemoteCommand call(List<String> subcommand) {
        return new RemoteCommand(variant.argv(project, files, subcommand), privilege, projectDir);
    }

    /** {@code up -d --no-deps svc...}: start exactly these services (a stage), leaving the others as they are. */
    public RemoteCommand up(List<String> services) {
        return call(concat(List.of("up", "-d", "--no-deps"), services));
    }

    /** {@code up -d --remove-orphans}: everything, removing containers of services no longer in the file. */
    public RemoteCommand upAll() {
        return call(List.of("up", "-d", "--remove-orphans"));
    }

    /** {@code ps -a}: a table for people; parse {@link #psIds()} plus docker inspect instead. */
    public RemoteCommand ps() {
        return call(List.of("ps", "-a"));
    }

    /** {@code ps -a -q}: ids of the project's containers, one a line, the same in v1 and v2. */
    public RemoteCommand psIds() {
        return call(List.of("ps", "-a", "-q"));
    }

    /** {@code logs --no-color --tail N svc...}. */
    public RemoteCommand logs(int tail, List<String> services) {
        return call(concat(List.of("logs", "--no-color", "--tail", Integer.toString(tail)), services));
    }

    /** {@code exec -T svc argv...}: never allocates a TTY, which a non-interactive channel cannot provide. */
    public RemoteCommand exec(String service, List<String> argv) {
        List<String> sub = new ArrayList<>(List.of("exec", "-T", service));
        sub.addAll(argv);
        return call(sub);
    }

    /** {@code config -q}: validates the file and its interpolation without printing it. */
    public RemoteCommand configQuiet() {
        return call(List.of("config", "-q"));
    }

    /** {@code stop svc...} (all services when empty). */
    public RemoteCommand stop(List<String> services) {
        return call(concat(List.of("stop"), services));
    }

    /** {@code restart svc...} (all services when empty). */
    public RemoteCommand restart(List<String> services) {
        return call(concat(List.of("restart"), services));
    }

    /** {@code down}: removes the project's containers and networks; named volumes and bind-mounted data stay. */
    public RemoteCommand down() {
        return call(List.of("down"));
    }

    /** {@code version --short} of this variant (no project arguments). */
    public RemoteCommand version() {
        List<String> argv = new ArrayList<>(variant.program());
        argv.addAll(List.of("version", "--short"));
        return new RemoteCommand(argv, privilege, null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
