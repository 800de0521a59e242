package dev.berth.deploy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a ustar archive of small files, so a whole release (rendered files, plan, job library) reaches the server
 * in one channel and is unpacked with the server's own {@code tar}, keeping each file's mode.
 */
final class TarWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long mtime = System.currentTimeMillis() / 1000;

    void addFile(String path, byte[] content, int mode) {
        byte[] header = new byte[512];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length <= 100) {
            System.arraycopy(name, 0, header, 0, name.length);
        } else {
            int split = path.lastIndexOf('/', Math.min(path.length() - 1, 155));
            byte[] prefix = path.substring(0, split).getBytes(StandardCharsets.UTF_8);
            byte[] rest = path.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (split <= 0 || prefix.length > 155 || rest.length > 100) {
                throw new IllegalArgumentException("path too long for the release archive: " + path);
            }
            System.arraycopy(rest, 0, header, 0, rest.length);
            System.arraycopy(prefix, 0, header, 345, prefix.length);
        }
        octal(header, 100, 8, mode & 07777);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, mtime);
        header[156] = '0';
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        out.writeBytes(header);
        out.writeBytes(content);
        int pad = (512 - content.length % 512) % 512;
        out.writeBytes(new byte[pad]);
    }

    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("value too large for a tar header");
        }
        String padded = "0".repeat(len - 1 - s.length()) + s;
        put(h, off, padded);
        h[off + len - 1] = 0;
    }
}
