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
 * @param checks      answer-dependent preflight checks ({@code checks:}): model endpoints, minimums
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
        List<ServerCheck> checks) {

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
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** A bundle without {@code checks:}. */
    public Bundle(String id, String version, Localized name, Localized description, String composeFile,
                  List<Group> groups, List<Parameter> parameters, List<ImageRef> images, Requirements requirements,
                  List<DataDir> dataDirs, List<Stage> stages, List<Hook> hooks, List<Probe> probes,
                  List<Endpoint> endpoints, Map<String, Format> formats, List<String> templates, List<String> files,
                  Path dir) {
        this(id, version, name, description, composeFile, groups, parameters, images, requirements, dataDirs, stages,
                hooks, probes, endpoints, formats, templates, files, dir, List.of());
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
