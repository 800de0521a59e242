package dev.berth.bundle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code berth.*} values templates may use. They are inserted unquoted in URLs and unquoted tags, so each is
 * restricted to characters that carry no syntax in any of the formats.
 */
public record Builtins(String installDir, String dataDir, String releaseDir, String releaseId, String project,
        String host) {

    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]+|\\[[0-9A-Fa-f:.]+\\]");

    public Builtins {
        check(installDir, PATH, "installDir");
        check(dataDir, PATH, "dataDir");
        check(releaseDir, PATH, "releaseDir");
        check(releaseId, TOKEN, "releaseId");
        check(project, TOKEN, "project");
        check(host, HOST, "host");
    }

    /** The usual layout: {@code <installDir>/data} and {@code <installDir>/releases/<releaseId>}. */
    public static Builtins of(String installDir, String releaseId, String project, String host) {
        String base = installDir.endsWith("/") && installDir.length() > 1
                ? installDir.substring(0, installDir.length() - 1) : installDir;
        return new Builtins(base, base + "/data", base + "/releases/" + releaseId, releaseId, project, host);
    }

    private static void check(String value, Pattern allowed, String what) {
        Objects.requireNonNull(value, what);
        if (!allowed.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " holds characters Berth does not allow in it: " + value);
        }
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("installDir", installDir);
        m.put("dataDir", dataDir);
        m.put("releaseDir", releaseDir);
        m.put("releaseId", releaseId);
        m.put("project", project);
        m.put("host", host);
        return m;
    }
}
