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
     * The compose project a fresh install in this folder gets (unique per folder). An install already deployed keeps
     * the name it has: ask {@link dev.berth.target.InstallProject#of} with a probe, never this, for a server's project.
     */
    public String newProjectName() {
        return dev.berth.target.InstallProject.newName(installDir);
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

    /** Install-level record of this install's identity (its compose project), written on the first deploy. */
    public String installRecord() {
        return stateDir() + "/install.json";
    }

    /**
     * Install-level store of the values of every parameter Berth generates (secrets), each kept from the first time
     * it was used: written before the job starts, so a deploy that fails after the data was initialised keeps them.
     */
    public String keptSecrets() {
        return stateDir() + "/secrets.yaml";
    }

    /** Whole backups, one folder each ({@code backup.tar.gz} and {@code backup.json}). */
    public String backupsDir() {
        return installDir + "/backups";
    }

    public String backupDir(String backupId) {
        return backupsDir() + "/" + backupId;
    }

    /** The folder of a job that is not a release's deploy (a backup), with its plan, library and journal. */
    public String jobDir(String jobId) {
        return stateDir() + "/jobs/" + jobId;
    }

    public String lastJobFile() {
        return stateDir() + "/last-job";
    }
}
