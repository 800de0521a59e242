package dev.berth.bundle;

/**
 * A release file given to the user a non-root container runs as ({@code fileOwners:}), so it can read it while the
 * file stays private.
 *
 * @param path  release-relative path of one file (a folder in the manifest is expanded to its files)
 * @param owner numeric {@code uid:gid}
 * @param mode  the mode to write, or null to keep the rendered one (0600 with a secret, else 0644/0755)
 */
public record FileOwner(String path, String owner, Integer mode) {}
