package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.RenderedRelease;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Service → image reference of a rendered compose file: which services an image change recreates. */
final class ComposeImages {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ComposeImages() {}

    static Map<String, String> of(RenderedRelease release) {
        Map<String, String> out = new TreeMap<>();
        RenderedFile compose = release.file(release.composeFile());
        if (compose == null) {
            return out;
        }
        try {
            JsonNode services = YAML.readTree(compose.content()).path("services");
            for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().path("image").isTextual()) {
                    out.put(e.getKey(), e.getValue().path("image").asText());
                }
            }
        } catch (java.io.IOException e) {
            // Compose validates the file on the server; here it only names services, so none are named.
        }
        return out;
    }
}
