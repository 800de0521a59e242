package dev.berth.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.text.Localized;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The compose project of the deployment in one install dir, decided from a probe. A new install gets its folder's
 * last element plus a short hash of the whole path, so {@code /opt/a/app} and {@code /opt/b/app} never share
 * containers. An install keeps the name it was first deployed under: the one recorded in
 * {@code .berth/install.json}, else (deployed by an older Berth) the live release's, else the folder's last element.
 *
 * @param otherInstalls  folders outside this install whose containers carry the same project name
 * @param recordDamaged  {@code .berth/install.json} is there but names no valid project
 */
public record InstallProject(String name, Source source, List<String> otherInstalls, boolean recordDamaged) {
    /** Where the record lives, under the install dir. */
    public static final String RECORD = ".berth/install.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the name came from. */
    public enum Source { RECORDED, LIVE_RELEASE, OLD_NAME, NEW }

    public InstallProject {
        otherInstalls = List.copyOf(otherInstalls);
    }

    /** The name a fresh install in this folder gets: last element, "-", 8 hex digits of the path's SHA-256. */
    public static String newName(String installDir) {
        String dir = trim(installDir);
        return oldName(dir) + "-" + HexFormat.of().formatHex(sha256(dir)).substring(0, 8);
    }

    /** The name Berth gave every install before names were recorded: the folder's last element, made valid. */
    public static String oldName(String installDir) {
        String dir = trim(installDir);
        String name = dir.substring(dir.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]", "-").replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "berth" : name;
    }

    /** A compose project name as every Compose accepts it. */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[a-z0-9][a-z0-9_-]{0,62}");
    }

    public static InstallProject of(String installDir, Facts facts) {
        String dir = trim(installDir);
        InstallTraces traces = facts.installDir().traces();
        String name = recorded(traces.recordJson());
        Source source = Source.RECORDED;
        if (name == null) {
            PreviousRelease live = facts.installDir().previousRelease();
            name = live == null ? null : recorded(live.releaseJson());
            source = Source.LIVE_RELEASE;
        }
        if (name == null && traces.hasReleases()) {
            name = oldName(dir);
            source = Source.OLD_NAME;
        }
        if (name == null) {
            name = newName(dir);
            source = Source.NEW;
        }
        List<String> others = new ArrayList<>();
        for (ComposeProjectDir p : facts.docker().composeProjects()) {
            if (p.project().equals(name) && !inside(p.workingDir(), dir, traces.realPath())
                    && !others.contains(p.workingDir())) {
                others.add(p.workingDir());
            }
        }
        boolean damaged = traces.recordJson() != null && recorded(traces.recordJson()) == null;
        return new InstallProject(name, source, others, damaged);
    }

    /**
     * Why this install cannot deploy: its record cannot be read, or another install's containers carry its name.
     */
    public Optional<Localized> refusal(String installDir) {
        if (recordDamaged) {
            String file = trim(installDir) + "/" + RECORD;
            return Optional.of(Localized.of("无法读取 " + file + "（其中应记录本安装的 Compose 项目名）；请修复或删除它后重试，Berth 没有做任何改动。",
                    "Berth cannot read " + file + " (it records this install's compose project name); repair or remove it"
                            + " and try again. Berth changed nothing."));
        }
        if (otherInstalls.isEmpty()) {
            return Optional.empty();
        }
        String where = String.join(", ", otherInstalls);
        return Optional.of(Localized.of(
                "Compose 项目名 " + name + " 已被另一个安装（" + where + "）的容器使用；在这里部署会重建或删除那些容器，所以 Berth 没有做任何改动。",
                "The compose project name " + name + " is already used by the containers of another install (" + where
                        + "); deploying here would recreate or remove them, so Berth changed nothing."));
    }

    /** Berth runs compose from {@code <installDir>/active}; compose may record that path as given or resolved. */
    private static boolean inside(String workingDir, String installDir, String realPath) {
        if (workingDir.isEmpty()) {
            return true; // not started from a folder we can compare: not evidence of another install
        }
        for (String root : new String[] {installDir, realPath}) {
            if (!root.isEmpty() && (workingDir.equals(root) || workingDir.startsWith(root + "/"))) {
                return true;
            }
        }
        return false;
    }

    private static String recorded(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            String p = n == null ? null : n.path("project").asText(null);
            return isValidName(p) ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String trim(String dir) {
        String d = dir;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
