package dev.berth.deploy;

/**
 * Where a deployment's pieces live on the server. Releases are immutable folders; {@code current} is a symlink to
 * the live one; data lives beside them and no release or rollback ever touches it.
 */
public record ReleaseLayout(String installDir) {

    /** @throws InstallDirRule.Refused when {@link InstallDirRule} refuses the directory (with its sentence) */
    public ReleaseLayout {
        installDir = InstallDirRule.normalise(installDir);
    }

    /**
     * The compose project of the deployment in this folder: its last path element, so two installs of one bundle
     * in different folders never share containers.
     */
    public String project() {
        String name = installDir.substring(installDir.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_-]", "-").replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "berth" : name;
    }

    public String releasesDir() {
        return installDir + "/releases";
    }

    public String releaseDir(String releaseId) {
        return releasesDir() + "/" + releaseId;
    }

    public String releaseStateDir(String releaseId) {
        return releaseDir(releaseId) + "/.berth";
    }

    public String journal(String releaseId) {
        return releaseStateDir(releaseId) + "/journal.jsonl";
    }

    public String planScript(String releaseId) {
        return releaseStateDir(releaseId) + "/plan.sh";
    }

    public String current() {
        return installDir + "/current";
    }

    public String dataDir() {
        return installDir + "/data";
    }

    public String imagesDir() {
        return installDir + "/images";
    }

    public String stateDir() {
        return installDir + "/.berth";
    }

    public String lastJobFile() {
        return stateDir() + "/last-job";
    }
}
