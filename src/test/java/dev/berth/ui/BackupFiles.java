package dev.berth.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Backup archives as take_backup writes them, for the wizard's tests: a gzip'd ustar whose head is
 * {@code berth-backup.json} and then the release's {@code .berth/answers.yaml}.
 */
public final class BackupFiles {
    private BackupFiles() {}

    /** The manifest of a backup of the demo bundle at {@code version}, its release {@code r-ID}. */
    public static String manifest(String id, String version) {
        return "{\"id\":\"" + id + "\",\"created\":\"2026-12-01T09:00:00Z\",\"release\":{\"bundle\":\"demo\",\"version\":\""
                + version + "\"},\"project\":\"demo\",\"releaseId\":\"r-" + id + "\",\"stopped\":[],\"volumes\":[],"
                + "\"dumps\":[]}";
    }

    public static Path write(Path file, String id, String version, String answersYaml) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            entry(out, "./berth-backup.json", manifest(id, version).getBytes(StandardCharsets.UTF_8));
            entry(out, "./r-" + id + "/.berth/answers.yaml", answersYaml.getBytes(StandardCharsets.UTF_8));
            entry(out, "./r-" + id + "/docker-compose.yml", "services: {}\n".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[1024]);
        }
        return file;
    }

    private static void entry(OutputStream out, String name, byte[] content) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000600");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
        out.write(content);
        ByteArrayOutputStream pad = new ByteArrayOutputStream();
        pad.write(new byte[(512 - content.length % 512) % 512]);
        out.write(pad.toByteArray());
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
