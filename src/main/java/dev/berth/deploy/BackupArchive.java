package dev.berth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.text.BerthException.Category;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A backup archive on the laptop (one the operator downloaded, to restore it onto another server): its manifest and
 * its release's answers, read from the head of the gzip'd tar, where {@code take_backup} puts them.
 */
public record BackupArchive(Path file, BackupInfo info, Map<String, Object> answers, byte[] manifest) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The manifest and the answers are small files at the head; a header past this is not a Berth backup. */
    private static final long HEAD_LIMIT = 64L * 1024 * 1024;

    /** @throws BackupException when the file is not a Berth backup or cannot be read (one sentence naming it) */
    public static BackupArchive read(Path file) throws BackupException {
        if (!Files.isRegularFile(file)) {
            throw new BackupException(Category.INVALID_INPUT, Localized.of("备份文件 " + file + " 不存在。",
                    "The backup file " + file + " does not exist."));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 65536)) {
            byte[] manifest = null;
            JsonNode m = null;
            long read = 0;
            byte[] header = new byte[512];
            String longName = null;
            while (read < HEAD_LIMIT) {
                if (in.readNBytes(header, 0, 512) < 512 || header[0] == 0) {
                    break;
                }
                read += 512;
                long size = Long.parseLong(octal(header, 124, 12).isEmpty() ? "0" : octal(header, 124, 12), 8);
                String name = longName != null ? longName : name(header);
                longName = null;
                byte type = header[156];
                long padded = (size + 511) / 512 * 512;
                boolean wanted = type == 'L' || "berth-backup.json".equals(strip(name))
                        || (m != null && strip(name).equals(m.path("releaseId").asText() + "/.berth/answers.yaml"));
                if (wanted && size < 16 * 1024 * 1024) {
                    byte[] content = in.readNBytes((int) size);
                    in.skipNBytes(padded - size);
                    if (type == 'L') {
                        longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                    } else if (m == null) {
                        manifest = content;
                        m = JSON.readTree(content);
                    } else {
                        BackupInfo info = BackupInfo.of(m, file.toString());
                        return new BackupArchive(file, info, Backups.yamlMap(new String(content, StandardCharsets.UTF_8),
                                info.id()), manifest);
                    }
                } else {
                    in.skipNBytes(padded);
                }
                read += padded;
            }
        } catch (IOException | RuntimeException e) {
            throw notABackup(file, e.getMessage());
        }
        throw notABackup(file, "no manifest and answers at its head");
    }

    private static BackupException notABackup(Path file, String why) {
        return new BackupException(Category.INVALID_INPUT, Localized.of(
                file + " 不是可读的 Berth 备份（" + why + "）。",
                file + " is not a Berth backup that can be read (" + why + ")."));
    }

    private static String name(byte[] h) {
        String n = cString(h, 0, 100);
        String prefix = cString(h, 345, 155);
        return prefix.isEmpty() ? n : prefix + "/" + n;
    }

    private static String strip(String n) {
        return n.startsWith("./") ? n.substring(2) : n;
    }

    private static String octal(byte[] h, int off, int len) {
        return cString(h, off, len).trim();
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }
}
