package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that every {@code ./} bind mount of a rendered compose file has its source in the release before the
 * stack starts: Docker would otherwise create an empty directory in its place (and a service expecting a file
 * would fail or, worse, run with no configuration). A source with a file name extension must be a file of the
 * release; any other source must be a file or a directory holding at least one file.
 */
final class BindMounts {
    private static final Set<String> FILE_EXTENSIONS = Set.of("yaml", "yml", "json", "conf", "ini", "sh", "sql",
            "txt", "py", "properties", "xml", "toml", "env", "html");

    private BindMounts() {}

    /** Every {@code ./} source of every service, as "service: source". */
    static List<String> releaseSources(RenderedRelease release) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(release.file(release.composeFile()).text());
        List<String> out = new ArrayList<>();
        root.path("services").fields().forEachRemaining(svc -> {
            for (JsonNode v : svc.getValue().path("volumes")) {
                String source = v.isTextual() ? v.asText().split(":", 2)[0] : v.path("source").asText();
                if (source.startsWith("./")) {
                    out.add(svc.getKey() + ": " + source);
                }
            }
        });
        return out;
    }

    static void assertAllExist(RenderedRelease release) throws IOException {
        List<String> sources = releaseSources(release);
        assertTrue(!sources.isEmpty(), "the compose file mounts nothing from the release");
        List<String> missing = new ArrayList<>();
        for (String s : sources) {
            String path = s.substring(s.indexOf(": ") + 2).substring(2).replaceAll("/+$", "");
            boolean isFile = release.files().stream().anyMatch(f -> f.path().equals(path));
            boolean isDir = release.files().stream().anyMatch(f -> f.path().startsWith(path + "/"));
            String name = path.substring(path.lastIndexOf('/') + 1);
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            boolean wantsFile = FILE_EXTENSIONS.contains(ext);
            if (wantsFile ? !isFile : !(isFile || isDir)) {
                missing.add(s + (wantsFile ? " (a file)" : " (a file or directory)"));
            }
        }
        assertTrue(missing.isEmpty(), "bind-mount sources missing from the release: " + missing);
    }

    /**
     * The services that bind-mount a folder of data/ other than data/logs (what a backup copies), as Compose v1's
     * config prints them.
     */
    static java.util.Set<String> servicesKeepingData(JsonNode services, String dataDir) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        services.fields().forEachRemaining(e -> {
            for (JsonNode v : e.getValue().path("volumes")) {
                String source = v.isTextual() ? v.asText().split(":", 2)[0] : v.path("source").asText();
                if (source.startsWith(dataDir + "/") && !source.startsWith(dataDir + "/logs/")) {
                    out.add(e.getKey());
                }
            }
        });
        return out;
    }
}
