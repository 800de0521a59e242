package dev.berth.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code docker save} tarball on the laptop: its size, the image ID inside (so an image already on the server is
 * not sent again) and the tags it carries.
 *
 * @param imageId "sha256:..." as {@code docker images --no-trunc} prints it
 */
public record ImageTarball(Path file, long size, String imageId, List<String> repoTags) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the tarball's {@code manifest.json}.
     *
     * @throws IOException with a one-sentence message when the file is not a docker-save tarball
     */
    public static ImageTarball inspect(Path file) throws IOException {
        long size = Files.size(file);
        byte[] manifest;
        try {
            manifest = TarEntries.read(file, "manifest.json")
                    .orElseThrow(() -> new IOException(file.getFileName() + " is not a docker save tarball (no manifest.json)."));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("docker save")) {
                throw e;
            }
            throw new IOException(file.getFileName() + " is not a readable image tarball: " + e.getMessage(), e);
        }
        JsonNode root = JSON.readTree(manifest);
        if (!root.isArray() || root.isEmpty()) {
            throw new IOException(file.getFileName() + " has an empty image manifest.");
        }
        JsonNode first = root.get(0);
        String config = first.path("Config").asText("");
        // Old format: "<hex>.json"; OCI layout (Docker 25+): "blobs/sha256/<hex>".
        String hex = config.replaceFirst("^blobs/sha256/", "").replaceFirst("\\.json$", "");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IOException(file.getFileName() + " names no image config in its manifest.");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode m : root) {
            for (JsonNode t : m.path("RepoTags")) {
                tags.add(t.asText());
            }
        }
        return new ImageTarball(file, size, "sha256:" + hex, List.copyOf(tags));
    }
}
