package dev.berth.bundle;

import dev.berth.text.Localized;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated bundle (see docs/bundle-format.md).
 *
 * @param composeFile release-relative path of the compose file
 * @param templates   release-relative paths of the files under {@code templates/}, sorted
 * @param files       release-relative paths of the files under {@code files/}, sorted
 * @param formats     quoting-format overrides by release-relative path
 * @param dir         the bundle's folder
 * @param actions     named operator actions (backups and the like), run on demand
 * @param checks      answer-dependent preflight checks ({@code checks:}): model endpoints, minimums
 * @param serviceUsers the numeric {@code uid:gid} a non-root service runs as, by service ({@code serviceUsers:})
 * @param fileOwners  release files given to such a user ({@code fileOwners:}), one entry per file
 * @param backup      how its data is copied consistently ({@code backup:}; without it every service is stopped)
 * @param migrations  commands an upgrade from an older version runs once ({@code migrations:})
 * @param placement   where each service runs on a cluster target, by service ({@code placement:}; absent: the first
 *                    manager, once)
 */
public record Bundle(
        String id,
        String version,
        Localized name,
        Localized description,
        String composeFile,
        List<Group> groups,
        List<Parameter> parameters,
        List<ImageRef> images,
        Requirements requirements,
        List<DataDir> dataDirs,
        List<Stage> stages,
        List<Hook> hooks,
        List<Probe> probes,
        List<Endpoint> endpoints,
        Map<String, Format> formats,
        List<String> templates,
        List<String> files,
        Path dir,
        List<Action> actions,
        List<ServerCheck> checks,
        Map<String, String> serviceUsers,
        List<FileOwner> fileOwners,
        BackupRecipe backup,
        List<Migration> migrations,
        Map<String, Placement> placement) {

    public Bundle {
        groups = List.copyOf(groups);
        parameters = List.copyOf(parameters);
        images = List.copyOf(images);
        dataDirs = List.copyOf(dataDirs);
        stages = List.copyOf(stages);
        hooks = List.copyOf(hooks);
        probes = List.copyOf(probes);
        endpoints = List.copyOf(endpoints);
        formats = Map.copyOf(formats);
        templates = List.copyOf(templates);
        files = List.copyOf(files);
        actions = actions == null ? List.of() : List.copyOf(actions);
        checks = checks == null ? List.of() : List.copyOf(checks);
        serviceUsers = serviceUsers == null ? Map.of() : Map.copyOf(serviceUsers);
        fileOwners = fileOwners == null ? List.of() : List.copyOf(fileOwners);
        backup = backup == null ? BackupRecipe.STOP_ALL : backup;
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
        placement = placement == null ? Map.of() : Map.copyOf(placement);
    }

    /** Where a service runs on a cluster target. */
    public Placement placementOf(String service) {
        return placement.getOrDefault(service, Placement.LEADER);
    }

    /** Without {@code backup:} or {@code migrations:}. */
    public Bundle(String id, String version, Localized name, Localized description, String composeFile,
            List<Group> groups, List<Parameter> parameters, List<ImageRef> images, Requirements requirements,
            List<DataDir> dataDirs, List<Stage> stages, List<Hook> hooks, List<Probe> probes,
            List<Endpoint> endpoints, Map<String, Format> formats, List<String> templates, List<String> files,
            Path dir, List<Action> actions, List<ServerCheck> checks, Map<String, String> serviceUsers,
            List<FileOwner> fileOwners) {
        this(id, version, name, description, composeFile, groups, parameters, images, requirements, dataDirs,
                stages, hooks, probes, endpoints, formats, templates, files, dir, actions, checks, serviceUsers,
                fileOwners, null, null, null);
    }

    /** A bundle whose files are all root's. */
    public Bundle(String id, String version, Localized name, Localized description, String composeFile,
            List<Group> groups, List<Parameter> parameters, List<ImageRef> images, Requirements requirements,
            List<DataDir> dataDirs, List<Stage> stages, List<Hook> hooks, List<Probe> probes,
            List<Endpoint> endpoints, Map<String, Format> formats, List<String> templates, List<String> files,
            Path dir, List<Action> actions, List<ServerCheck> checks) {
        this(id, version, name, description, composeFile, groups, parameters, images, requirements, dataDirs,
                stages, hooks, probes, endpoints, formats, templates, files, dir, actions, checks, Map.of(), List.of());
    }

    /** The owner entry of a release file, or null when it stays root's. */
    public FileOwner ownerOf(String releasePath) {
        return fileOwners.stream().filter(o -> o.path().equals(releasePath)).findFirst().orElse(null);
    }

    /** A bundle without operator actions or {@code checks:}. */
    public Bundle(String id, String version, Localized name, Localized description, String composeFile,
            List<Group> groups, List<Parameter> parameters, List<ImageRef> images, Requirements requirements,
            List<DataDir> dataDirs, List<Stage> stages, List<Hook> hooks, List<Probe> probes,
            List<Endpoint> endpoints, Map<String, Format> formats, List<String> templates, List<String> files,
            Path dir) {
        this(id, version, name, description, composeFile, groups, parameters, images, requirements, dataDirs,
                stages, hooks, probes, endpoints, formats, templates, files, dir, List.of(), List.of(), Map.of(),
                List.of());
    }

    /** The images this deployment needs: those whose {@code when} the answers meet. */
    public List<ImageRef> imagesFor(ResolvedAnswers answers) {
        Conditions conditions = Conditions.of(this, answers);
        return images.stream().filter(i -> conditions.met(i.when())).toList();
    }

    /**
     * The requirements that apply to these answers: port parameters hidden by their {@code when} (a port of an
     * optional service that is off) are not checked.
     */
    public Requirements requirementsFor(ResolvedAnswers answers) {
        Requirements r = requirements;
        List<String> ports = r.portParams().stream().filter(p -> !answers.hidden().contains(p)).toList();
        return new Requirements(r.arch(), r.osFamilies(), r.minCores(), r.recommendedCores(), r.minMemoryGiB(),
                r.recommendedMemoryGiB(), r.minDiskGiB(), r.gpu(), r.minDocker(), r.minCompose(), r.composeV2(),
                ports, r.sysctl(), r.minNofile(), r.notes());
    }

    /** The host port of every port parameter {@link #requirementsFor} checks, for preflight. */
    public Map<String, Integer> portsFor(ResolvedAnswers answers) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (String p : requirementsFor(answers).portParams()) {
            if (answers.get(p) instanceof Long port) {
                out.put(p, port.intValue());
            }
        }
        return out;
    }

    public Action action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    public Parameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** The quoting format of a release path: the override, else from the name. */
    public Format formatOf(String releasePath) {
        Format f = formats.get(releasePath);
        return f != null ? f : Format.forPath(releasePath, composeFile);
    }

    /** Release-relative path of a template → its source file. */
    public Path templateSource(String releasePath) {
        return dir.resolve("templates").resolve(releasePath);
    }

    public Path fileSource(String releasePath) {
        return dir.resolve("files").resolve(releasePath);
    }
}
