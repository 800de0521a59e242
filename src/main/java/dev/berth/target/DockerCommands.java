package dev.berth.target;

import dev.berth.ssh.Privilege;
import dev.berth.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain docker CLI calls as values. Formats are Go templates passed as one argv word, so they need no extra
 * quoting.
 */
public record DockerCommands(Privilege privilege) {

    /** The label Compose (v1 and v2) puts on every container of a project. */
    public static final String PROJECT_LABEL = "com.docker.compose.project";

    public DockerCommands {
        privilege = privilege == null ? Privilege.NONE : privilege;
    }

    public RemoteCommand docker(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("docker");
        argv.addAll(args);
        return new RemoteCommand(argv, privilege, null);
    }

    private RemoteCommand docker(String... args) {
        return docker(List.of(args));
    }

    /** {@code docker version --format {{.Server.Version}}}. */
    public RemoteCommand serverVersion() {
        return docker("version", "--format", "{{.Server.Version}}");
    }

    /** {@code docker load -i file}: loads an image tarball already on the target. */
    public RemoteCommand load(String tarball) {
        return docker("load", "-i", tarball);
    }

    /** {@code docker image inspect --format {{.Id}} ref}: the image id, or exit 1 when the image is absent. */
    public RemoteCommand imageId(String ref) {
        return docker("image", "inspect", "--format", "{{.Id}}", ref);
    }

    /** {@code docker image inspect ref...}: full JSON. */
    public RemoteCommand imageInspect(List<String> refs) {
        List<String> args = new ArrayList<>(List.of("image", "inspect"));
        args.addAll(refs);
        return docker(args);
    }

    /** {@code docker images --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}'}, as the probe reads them. */
    public RemoteCommand images() {
        return docker("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
    }

    /** {@code docker inspect --format fmt name...}. */
    public RemoteCommand inspect(String format, List<String> names) {
        List<String> args = new ArrayList<>(List.of("inspect", "--format", format));
        args.addAll(names);
        return docker(args);
    }

    /** One line per container: name, state, health (or "-"), compose service, so a status view needs one call. */
    public RemoteCommand containerStates(List<String> idsOrNames) {
        return inspect("{{.Name}}\t{{.State.Status}}\t{{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}}"
                + "\t{{index .Config.Labels \"com.docker.compose.service\"}}\t{{.State.ExitCode}}", idsOrNames);
    }

    /** {@code docker ps -a --filter label=com.docker.compose.project=P --format fmt}. */
    public RemoteCommand psProject(String project, String format) {
        return docker("ps", "-a", "--filter", "label=" + PROJECT_LABEL + "=" + project, "--format", format);
    }

    /** {@code docker info --format fmt}. */
    public RemoteCommand info(String format) {
        return docker("info", "--format", format);
    }

    /** {@code docker logs --tail N container}. */
    public RemoteCommand logs(String container, int tail) {
        return docker("logs", "--tail", Integer.toString(tail), container);
    }

    /** {@code docker tag source target}. */
    public RemoteCommand tag(String source, String target) {
        return docker("tag", source, target);
    }

    /** {@code docker rmi ref}. */
    public RemoteCommand removeImage(String ref) {
        return docker("rmi", ref);
    }
}
