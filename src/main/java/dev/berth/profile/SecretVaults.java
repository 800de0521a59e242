package dev.berth.profile;

import java.nio.file.Path;

/** Picks where new secrets go: the OS keyring when one answers, otherwise the AES-GCM key file in Berth's home. */
public final class SecretVaults {
    private SecretVaults() {}

    public static SecretVault preferred(Path berthHome, KeyringVault keyring) {
        return keyring != null && keyring.available() ? keyring : new KeyFileVault(berthHome);
    }
}
