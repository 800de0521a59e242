package dev.berth.profile;

/**
 * Where a profile's secret answers go instead of its file. The profile file keeps, per secret, the vault's
 * {@link #scheme()} and the text {@link #seal} returned, so a profile saved with one vault still opens when the
 * preferred vault changes later.
 */
public interface SecretVault {
    /** The tag written before the sealed text in the profile file: "aes-gcm" or "keyring". */
    String scheme();

    /**
     * Keeps one secret answer.
     *
     * @param profile the profile's name
     * @param path    the answer's path: {@code NAME}, or {@code LIST[3].FIELD} for a field of a list entry
     * @return the text to store in the profile file; holds no secret in plain form
     */
    String seal(String profile, String path, String value) throws ProfileException;

    /** The secret {@link #seal} kept; a clear sentence when it is gone, tampered with or under another key. */
    String open(String profile, String path, String sealed) throws ProfileException;

    /** Drops what this vault holds for the profile outside its file (keyring items); nothing for in-file vaults. */
    void forget(String profile) throws ProfileException;
}
