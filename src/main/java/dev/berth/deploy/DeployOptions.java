package dev.berth.deploy;

/**
 * How a deploy treats the deployment already on the server.
 *
 * @param backupFirst    an upgrade takes a backup before anything changes (on unless the operator turns it off)
 * @param allowDowngrade a bundle version below the live one is deployed instead of refused
 * @param restoreId      the backup (in the install's backups/) whose data the release starts with, or null
 */
public record DeployOptions(boolean backupFirst, boolean allowDowngrade, String restoreId) {
    public static final DeployOptions DEFAULT = new DeployOptions(true, false, null);

    public DeployOptions withRestore(String id) {
        return new DeployOptions(backupFirst, allowDowngrade, id);
    }
}
