package dev.berth.bundle;

import java.nio.charset.StandardCharsets;

/** One file of a release: its release-relative path, its bytes, and its POSIX mode (0600, 0644 or 0755). */
public record RenderedFile(String path, byte[] content, int mode) {

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** e.g. "0600". */
    public String modeText() {
        return String.format("%04o", mode);
    }

    @Override
    public String toString() {
        return "RenderedFile[" + path + ", " + content.length + " bytes, " + modeText() + "]";
    }
}
