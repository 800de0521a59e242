package dev.berth.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.ssh.TargetSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A saved deployment. Holds secrets in answers only in memory; the store encrypts them on disk.
 *
 * @param bundleDir the bundle's folder when it was saved (it may have moved since; {@code bundleId} is the fallback)
 * @param target    where it went, with the pinned host key and install directory; never a password
 * @param answers   the answers actually used (generated secrets included), by parameter name
 * @param cluster   the servers of a cluster target, in the cluster file's order; empty for one server. A cluster
 *                  profile's {@code target} is its first manager's, with the install directory (what status and the
 *                  dashboard connect to)
 */
public record Profile(String name, String bundleId, Path bundleDir, TargetSpec target, Map<String, Object> answers,
                      Instant savedAt, List<ProfileNode> cluster) {

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(target, "target");
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        savedAt = savedAt == null ? Instant.now() : savedAt;
        cluster = cluster == null ? List.of() : List.copyOf(cluster);
        if (!cluster.isEmpty() && cluster.stream().noneMatch(ProfileNode::manager)) {
            throw new IllegalArgumentException("a cluster profile needs a manager");
        }
    }

    /** A profile of one server. */
    public Profile(String name, String bundleId, Path bundleDir, TargetSpec target, Map<String, Object> answers,
                   Instant savedAt) {
        this(name, bundleId, bundleDir, target, answers, savedAt, List.of());
    }

    /**
     * A cluster profile: its nodes (never a password) and the install directory they share.
     *
     * @param answers the operator's answers (generated secrets stay on the first manager's release, kept on redeploy)
     */
    public static Profile ofCluster(String name, Bundle bundle, List<ProfileNode> nodes, String installDir,
                                    Map<String, Object> answers, Instant savedAt) {
        ProfileNode leader = nodes.stream().filter(ProfileNode::manager).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a cluster profile needs a manager"));
        return new Profile(name, bundle.id(), bundle.dir() == null ? null : bundle.dir().toAbsolutePath().normalize(),
                leader.target().withInstallDir(installDir), answers, savedAt, nodes);
    }

    public boolean isCluster() {
        return !cluster.isEmpty();
    }

    /**
     * The profile of a deployment just made: the answers it actually used (what {@link ResolvedAnswers#toYaml()}
     * writes back: the operator's, the generated secrets, every visible value), so the next redeploy renders the
     * same files and keeps the same generated passwords.
     *
     * @param target where it went, with its install directory and the host key that was verified
     */
    public static Profile of(String name, Bundle bundle, TargetSpec target, ResolvedAnswers used, Instant savedAt) {
        return new Profile(name, bundle.id(), bundle.dir() == null ? null : bundle.dir().toAbsolutePath().normalize(),
                target, answersOf(used), savedAt);
    }

    /** The answers to keep from a resolution, as the plain map {@link #answers()} holds. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> answersOf(ResolvedAnswers used) {
        try {
            Object parsed = new ObjectMapper(new YAMLFactory()).readValue(used.toYaml(), Object.class);
            return parsed instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same profile under another name (the wizard's "save as"). */
    public Profile withName(String newName) {
        return new Profile(newName, bundleId, bundleDir, target, answers, savedAt, cluster);
    }

    /** Secrets are masked: a profile may end up in a log line. */
    @Override
    public String toString() {
        String where = isCluster() ? cluster.size() + " nodes" : target.display();
        return "Profile[" + name + ", " + bundleId + " → " + where + ", " + answers.size() + " answers]";
    }
}
