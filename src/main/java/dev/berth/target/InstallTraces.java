package dev.berth.target;

/**
 * What the probe saw of an install dir Berth may have deployed to before.
 *
 * @param realPath    the install dir with symlinks resolved, or "" when it does not exist
 * @param hasReleases its {@code releases/} folder is not empty
 * @param recordJson  {@code .berth/install.json} as text, or null when absent
 */
public record InstallTraces(String realPath, boolean hasReleases, String recordJson) {
    public InstallTraces {
        realPath = realPath == null ? "" : realPath;
    }

    public static InstallTraces none() {
        return new InstallTraces("", false, null);
    }
}
