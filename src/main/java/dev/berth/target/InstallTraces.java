package dev.berth.target;

/**
 * What the probe saw of an install dir Berth may have deployed to before.
 *
 * @param realPath    the install dir with symlinks resolved, or "" when it does not exist
 * @param hasReleases its {@code releases/} folder is not empty
 * @param recordJson  {@code .berth/install.json} as text, or null when absent
 * @param dataEntries entries in its {@code data/} folder, 0 when there is none, -1 when not known
 */
public record InstallTraces(String realPath, boolean hasReleases, String recordJson, int dataEntries) {
    public InstallTraces {
        realPath = realPath == null ? "" : realPath;
    }

    public InstallTraces(String realPath, boolean hasReleases, String recordJson) {
        this(realPath, hasReleases, recordJson, -1);
    }

    public static InstallTraces none() {
        return new InstallTraces("", false, null);
    }

    /** Berth never deployed here: no record of a first deploy and no release. */
    public boolean firstInstall() {
        return recordJson == null && !hasReleases;
    }
}
