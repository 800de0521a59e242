package dev.berth.bundle;

import java.util.List;
import java.util.Map;

/**
 * An image the bundle runs, with its tarball's file name; {@code sha256} may be null. {@code when} (empty = always)
 * as for {@link Stage}: an image only an optional service uses is neither asked for nor loaded when it is off.
 */
public record ImageRef(String ref, String file, String sha256, Map<String, List<String>> when) {
    public ImageRef {
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    public ImageRef(String ref, String file, String sha256) {
        this(ref, file, sha256, Map.of());
    }
}
