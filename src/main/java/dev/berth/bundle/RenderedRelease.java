package dev.berth.bundle;

import dev.berth.files.PrivateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A release ready to upload: its files with their modes, and the bundle's stages, hooks, probes, endpoints and
 * operator actions with every template filled in; steps whose {@code when} is not met are left out.
 *
 * @param composeFile release-relative path of the compose file
 */
public record RenderedRelease(List<RenderedFile> files, String composeFile, List<Stage> stages, List<Hook> hooks,
        List<Probe> probes, List<Endpoint> endpoints, List<Action> actions, BackupRecipe backup,
        List<Migration> migrations) {

    public RenderedRelease {
        files = List.copyOf(files);
        stages = List.copyOf(stages);
        hooks = List.copyOf(hooks);
        probes = List.copyOf(probes);
        endpoints = List.copyOf(endpoints);
        actions = actions == null ? List.of() : List.copyOf(actions);
        backup = backup == null ? BackupRecipe.STOP_ALL : backup;
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
    }

    public RenderedRelease(List<RenderedFile> files, String composeFile, List<Stage> stages, List<Hook> hooks,
            List<Probe> probes, List<Endpoint> endpoints, List<Action> actions) {
        this(files, composeFile, stages, hooks, probes, endpoints, actions, null, null);
    }

    public RenderedRelease(List<RenderedFile> files, String composeFile, List<Stage> stages, List<Hook> hooks,
            List<Probe> probes, List<Endpoint> endpoints) {
        this(files, composeFile, stages, hooks, probes, endpoints, List.of());
    }

    public Action action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    public RenderedFile file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
    }

    /** Writes every file under {@code dir} with its mode (for {@code berth render --out}). */
    public void writeTo(Path dir) throws IOException {
        for (RenderedFile f : files) {
            PrivateFile.write(dir.resolve(f.path()), f.content(), f.mode());
        }
    }
}
