package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.bundle.Migration;
import dev.berth.target.PreviousRelease;
import dev.berth.target.Version;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges a deploy against the release live on the server: first install, same release again, upgrade or downgrade.
 * Pure: the live release's {@code release.json} (from the probe) and the new release's facts in, a verdict out.
 */
public final class UpgradeCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TERM = Pattern.compile("(>=|<=|>|<|=)(\\d+(?:\\.\\d+)*)");

    /** The live release as its release.json says; absent fields are empty. */
    public record Live(String bundle, String version, List<String> images) {
        public Live {
            images = images == null ? null : List.copyOf(images);
        }

        /** Null when there is no live release (or its record cannot be read: then nothing can be compared). */
        public static Live of(PreviousRelease previous) {
            if (previous == null || previous.releaseJson() == null) {
                return null;
            }
            try {
                JsonNode n = JSON.readTree(previous.releaseJson());
                List<String> images = null;
                if (n.path("images").isArray()) {
                    images = new ArrayList<>();
                    for (JsonNode i : n.path("images")) {
                        images.add(i.asText());
                    }
                }
                return new Live(n.path("bundle").asText(""), n.path("version").asText(""), images);
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }

    private UpgradeCheck() {}

    /** True when the new version sorts below the live one. */
    public static boolean isDowngrade(Live live, String newVersion) {
        return live != null && !live.version().isEmpty()
                && Version.parse(newVersion).compareTo(Version.parse(live.version())) < 0;
    }

    /**
     * @param newImages  the references the new release runs
     * @param changed    references whose image the server does not have yet (new content, even under an old name)
     * @param serviceImages service → image reference of the new compose file
     * @return null when this is not an upgrade (first install, or the same version with the same images)
     */
    public static Upgrade judge(Live live, String newVersion, List<String> newImages, Set<String> changed,
                                Map<String, String> serviceImages, List<Migration> migrations, String backupId) {
        if (live == null) {
            return null;
        }
        Set<String> oldImages = live.images() == null ? null : new LinkedHashSet<>(live.images());
        List<Upgrade.ImageChange> changes = new ArrayList<>();
        Set<String> moved = new LinkedHashSet<>();
        for (String ref : newImages) {
            if (oldImages != null && !oldImages.contains(ref)) {
                String before = oldImages.stream().filter(o -> repository(o).equals(repository(ref))).findFirst()
                        .orElse(null);
                changes.add(new Upgrade.ImageChange(before, ref));
                moved.add(ref);
            } else if (changed.contains(ref)) {
                changes.add(new Upgrade.ImageChange(ref, ref));
                moved.add(ref);
            }
        }
        boolean versionChanged = !live.version().equals(newVersion);
        if (!versionChanged && moved.isEmpty()) {
            return null;
        }
        List<String> recreated = new ArrayList<>();
        serviceImages.forEach((svc, ref) -> {
            if (moved.contains(ref)) {
                recreated.add(svc);
            }
        });
        List<String> runs = new ArrayList<>();
        for (Migration m : migrations) {
            if (versionChanged && matches(live.version(), m.from())) {
                runs.add(m.name());
            }
        }
        return new Upgrade(live.version(), newVersion, changes, recreated, runs, backupId);
    }

    /** The migrations of {@code all} this upgrade runs (by name, as {@link Upgrade#migrations} lists them). */
    public static List<Migration> running(Upgrade upgrade, List<Migration> all) {
        if (upgrade == null) {
            return List.of();
        }
        return all.stream().filter(m -> upgrade.migrations().contains(m.name())).toList();
    }

    /** Whether {@code version} meets every comparison of {@code from} (">=4.0.0 <4.1.0"). */
    static boolean matches(String version, String from) {
        Version v = Version.parse(version);
        if (!v.isKnown()) {
            return false;
        }
        Matcher m = TERM.matcher(from);
        boolean any = false;
        while (m.find()) {
            any = true;
            int c = v.compareTo(Version.parse(m.group(2)));
            boolean ok = switch (m.group(1)) {
                case ">=" -> c >= 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case "<" -> c < 0;
                default -> c == 0;
            };
            if (!ok) {
                return false;
            }
        }
        return any;
    }

    private static String repository(String ref) {
        int at = ref.indexOf('@');
        String r = at < 0 ? ref : ref.substring(0, at);
        int colon = r.lastIndexOf(':');
        return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
    }
}
