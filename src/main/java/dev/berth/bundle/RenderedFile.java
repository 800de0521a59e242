package dev.berth.bundle;

import java.nio.charset.StandardCharsets;

/**
 * One file of a release: its release-relative path, its bytes, its POSIX mode (0600, 0640, 0644, 0755 …) and the
 * numeric {@code uid:gid} it is given on the server ({@code fileOwners:}), or null for root's.
 */
public record RenderedFile(String path, byte[] content, int mode, String owner) {

    public RenderedFile(String path, byte[] content, int mode) {
        this(path, content, mode, null);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** e.g. "0600". */
    public String modeText() {
        return String.format("%04o", mode);
    }

    @Override
    public String toString() {
        return "RenderedFile[" + path + ", " + content.length + " bytes, " + modeText()
                + (owner == null ? "" : ", " + owner) + "]";
    }
}
