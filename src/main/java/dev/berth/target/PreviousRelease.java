package dev.berth.target;

/**
 * A Berth deployment already on the target.
 *
 * @param currentTarget where {@code <installDir>/current} points (a release directory)
 * @param releaseJson   that release's release.json as text, or null when absent or unreadable
 */
public record PreviousRelease(String currentTarget, String releaseJson) {

    /** The release id: the last path element of the link target. */
    public String releaseId() {
        String t = currentTarget.endsWith("/") ? currentTarget.substring(0, currentTarget.length() - 1)
                : currentTarget;
        return t.substring(t.lastIndexOf('/') + 1);
    }
}
