package dev.berth.target;

/** One Compose found on the target with the version it reports ("2.24.5", "1.29.2"). */
public record ComposeInstall(ComposeVariant variant, String version) {
    public Version parsedVersion() {
        return Version.parse(version);
    }
}
