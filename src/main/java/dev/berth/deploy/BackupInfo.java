package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One whole backup, as its {@code backup.json} describes it (written by the job library's {@code take_backup}).
 *
 * @param archive   the archive's path on the server
 * @param releaseId the release that was live when it was taken (its folder is in the archive)
 * @param downMs    how long the services it stopped were down (0: none was stopped)
 * @param dumps     the files the bundle's backup commands wrote, under the archive's {@code dumps/}
 */
public record BackupInfo(String id, String created, String bundle, String version, String project,
                         String releaseId, String archive, long bytes, String sha256, long downMs,
                         List<String> stopped, List<String> volumes, List<String> dumps) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BackupInfo {
        stopped = List.copyOf(stopped);
        volumes = List.copyOf(volumes);
        dumps = List.copyOf(dumps);
    }

    /** Null when the line is not a backup.json Berth wrote. */
    static BackupInfo parse(String json, ReleaseLayout layout) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.path("id").isTextual() || !n.path("archive").isObject()) {
                return null;
            }
            return of(n, layout.backupDir(n.path("id").asText()) + "/" + n.path("archive").path("file").asText());
        } catch (IOException e) {
            return null;
        }
    }

    /** From a manifest ({@code berth-backup.json} inside the archive, or {@code backup.json} beside it). */
    static BackupInfo of(JsonNode n, String archive) {
        return new BackupInfo(n.path("id").asText(), n.path("created").asText(), n.path("release").path("bundle").asText(),
                n.path("release").path("version").asText(), n.path("project").asText(), n.path("releaseId").asText(),
                archive, n.path("archive").path("bytes").asLong(), n.path("archive").path("sha256").asText(),
                n.path("downMs").asLong(), texts(n.path("stopped"), null), texts(n.path("volumes"), "name"),
                texts(n.path("dumps"), "file"));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(field == null ? e.asText() : e.path(field).asText()));
        return out;
    }
}
