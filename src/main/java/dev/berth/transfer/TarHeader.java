package dev.berth.transfer;

import java.nio.charset.StandardCharsets;

/**
 * One ustar header block: the release archive and the image tarballs Berth writes share it, so both are read the
 * same by the server's {@code tar} and by {@code docker load}. Sizes past 8 GiB use GNU base-256, as Go's
 * archive/tar (docker save) does.
 */
public final class TarHeader {
    public static final int BLOCK = 512;

    private TarHeader() {}

    /** The header of a regular file; names longer than 100 bytes are split into ustar's prefix and name. */
    public static byte[] file(String path, long size, int mode, long mtime) {
        return entry(path, size, mode, mtime, '0', "");
    }

    /**
     * The header of any member: {@code type} '0' a file, '5' a folder, '1' a hard and '2' a symbolic link to
     * {@code link} (at most 100 bytes).
     */
    public static byte[] entry(String path, long size, int mode, long mtime, char type, String link) {
        byte[] header = new byte[BLOCK];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length <= 100) {
            System.arraycopy(name, 0, header, 0, name.length);
        } else {
            int split = path.lastIndexOf('/', Math.min(path.length() - 1, 155));
            byte[] prefix = split <= 0 ? new byte[0] : path.substring(0, split).getBytes(StandardCharsets.UTF_8);
            byte[] rest = path.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (split <= 0 || prefix.length > 155 || rest.length > 100) {
                throw new IllegalArgumentException("path too long for a tar header: " + path);
            }
            System.arraycopy(rest, 0, header, 0, rest.length);
            System.arraycopy(prefix, 0, header, 345, prefix.length);
        }
        octal(header, 100, 8, mode & 07777);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        if (size < 077777777777L) {
            octal(header, 124, 12, size);
        } else {
            header[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                header[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(header, 136, 12, mtime);
        header[156] = (byte) type;
        byte[] target = link.getBytes(StandardCharsets.UTF_8);
        if (target.length > 100) {
            throw new IllegalArgumentException("link target too long for a tar header: " + link);
        }
        System.arraycopy(target, 0, header, 157, target.length);
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
        return header;
    }

    /** The zero bytes that fill a member of {@code size} bytes up to a whole block. */
    public static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    /** The two zero blocks that end an archive. */
    public static byte[] end() {
        return new byte[2 * BLOCK];
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
        put(h, off, "0".repeat(len - 1 - s.length()) + s);
        h[off + len - 1] = 0;
    }
}
