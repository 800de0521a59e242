package dev.berth.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code docker save} tarball on the laptop: its size, the image ID inside (so an image already on the server is
 * not sent again) and every name {@code docker load} would give it.
 *
 * @param imageId  "sha256:..." as {@code docker images --no-trunc} prints it
 * @param repoTags the names in the manifest's RepoTags and the OCI index's image-name annotations, in Docker's short
 *                 form ({@link #familiar}); empty when the image is untagged
 */
public record ImageTarball(Path file, long size, String imageId, List<String> repoTags) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the tarball's {@code manifest.json} (and {@code index.json} when there is one).
     *
     * @throws IOException with a one-sentence message when the file is not a docker-save tarball of one image
     */
    public static ImageTarball inspect(Path file) throws IOException {
        long size = Files.size(file);
        Map<String, byte[]> members;
        try {
            members = TarEntries.read(file, Set.of("manifest.json", "index.json"));
        } catch (IOException e) {
            throw new IOException(file.getFileName() + " is not a readable image tarball: " + e.getMessage(), e);
        }
        byte[] manifest = members.get("manifest.json");
        if (manifest == null) {
            throw new IOException(file.getFileName() + " is not a docker save tarball (no manifest.json).");
        }
        JsonNode root = JSON.readTree(manifest);
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IOException(file.getFileName() + " has an empty image manifest.");
        }
        if (root.size() > 1) {
            // docker load would load (and tag) every one of them.
            throw new IOException(file.getFileName() + " holds " + root.size()
                    + " images; Berth expects one image per tarball.");
        }
        JsonNode first = root.get(0);
        String config = first.path("Config").asText("");
        // Old format: "<hex>.json"; OCI layout (Docker 25+): "blobs/sha256/<hex>".
        String hex = config.replaceFirst("^blobs/sha256/", "").replaceFirst("\\.json$", "");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IOException(file.getFileName() + " names no image config in its manifest.");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode t : first.path("RepoTags")) {
            tags.add(familiar(t.asText()));
        }
        byte[] index = members.get("index.json");
        if (index != null) {
            // Docker 25+ also names the image in the OCI index; docker load honours those names too.
            for (JsonNode m : JSON.readTree(index).path("manifests")) {
                String name = m.path("annotations").path("io.containerd.image.name").asText("");
                if (!name.isEmpty()) {
                    tags.add(familiar(name));
                }
            }
        }
        return new ImageTarball(file, size, "sha256:" + hex, List.copyOf(tags));
    }

    /**
     * An image reference as {@code docker images} shows it: without {@code docker.io/} and {@code library/}, with
     * {@code :latest} when no tag or digest is given.
     */
    public static String familiar(String ref) {
        String r = ref.strip();
        if (r.startsWith("docker.io/")) {
            r = r.substring("docker.io/".length());
        }
        if (r.startsWith("library/") && r.indexOf('/', "library/".length()) < 0) {
            r = r.substring("library/".length());
        }
        int slash = r.lastIndexOf('/');
        if (!r.contains("@") && r.indexOf(':', slash + 1) < 0) {
            r = r + ":latest";
        }
        return r;
    }
}
