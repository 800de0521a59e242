package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every {@code ./} bind mount of a rendered compose file has its source in the release, as the kind
 * the mount expects: Docker creates a missing source as an empty directory, which breaks a file mount silently.
 * A source is a file when the release holds exactly that path, a directory when the release holds files under
 * it. A target whose last part has an extension (nginx.conf, commands.txt) must be a file.
 */
final class ReleaseMounts {
    private ReleaseMounts() {}

    /** One {@code ./} bind mount: service, source (release-relative, no "./"), container target. */
    record Mount(String service, String source, String target) {}

    static List<Mount> relativeMounts(RenderedRelease release) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(release.file(release.composeFile()).text());
        List<Mount> out = new ArrayList<>();
        root.path("services").fields().forEachRemaining(svc -> {
            for (JsonNode v : svc.getValue().path("volumes")) {
                String source;
                String target;
                if (v.isTextual()) {
                    String[] parts = v.asText().split(":");
                    source = parts[0];
                    target = parts.length > 1 ? parts[1] : "";
                } else {
                    source = v.path("source").asText();
                    target = v.path("target").asText();
                }
                if (source.startsWith("./")) {
                    String rel = source.substring(2);
                    while (rel.endsWith("/")) {
                        rel = rel.substring(0, rel.length() - 1);
                    }
                    out.add(new Mount(svc.getKey(), rel, target));
                }
            }
        });
        return out;
    }

    /** Fails with every mount whose source is missing from the release or of the wrong kind. */
    static void assertSourcesExist(RenderedRelease release) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Mount m : relativeMounts(release)) {
            boolean file = release.file(m.source()) != null;
            boolean dir = release.files().stream().anyMatch(f -> f.path().startsWith(m.source() + "/"));
            String last = m.target().substring(m.target().lastIndexOf('/') + 1);
            boolean wantsFile = last.indexOf('.') > 0;
            if (!file && !dir) {
                problems.add(m.service() + ": ./" + m.source() + " is not in the release");
            } else if (wantsFile && !file) {
                problems.add(m.service() + ": ./" + m.source() + " must be a file for " + m.target());
            }
        }
        assertEquals(List.of(), problems, "bind mounts of the release");
    }
}
