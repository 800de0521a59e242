package dev.berth.profile;

import dev.berth.ssh.TargetSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A saved deployment. Holds secrets in answers only in memory; the store encrypts them on disk.
 *
 * @param bundleDir the bundle's folder when it was saved (it may have moved since; {@code bundleId} is the fallback)
 * @param target    where it went, with the pinned host key and install directory; never a password
 * @param answers   the answers actually used (generated secrets included), by parameter name
 */
public record Profile(String name, String bundleId, Path bundleDir, TargetSpec target, Map<String, Object> answers,
                      Instant savedAt) {

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(target, "target");
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        savedAt = savedAt == null ? Instant.now() : savedAt;
    }

    /** The same profile under another name (the wizard's "save as"). */
    public Profile withName(String newName) {
        return new Profile(newName, bundleId, bundleDir, target, answers, savedAt);
    }

    /** Secrets are masked: a profile may end up in a log line. */
    @Override
    public String toString() {
        return "Profile[" + name + ", " + bundleId + " → " + target.display() + ", " + answers.size() + " answers]";
    }
}
