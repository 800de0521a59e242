package dev.berth.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Finds one small member of a tar file by reading only headers and seeking past contents, so a multi-gigabyte
 * image tarball is inspected in milliseconds and never read into memory.
 */
final class TarEntries {
    private static final int BLOCK = 512;
    private static final int MAX_MEMBER = 16 * 1024 * 1024;

    private TarEntries() {}

    static Optional<byte[]> read(Path tar, String name) throws IOException {
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(BLOCK);
            long pos = 0;
            String longName = null;
            while (pos + BLOCK <= ch.size()) {
                header.clear();
                readFully(ch, header, pos);
                byte[] h = header.array();
                if (isZero(h)) {
                    return Optional.empty();
                }
                String entryName = longName != null ? longName : entryName(h);
                longName = null;
                long size = parseOctal(h, 124, 12);
                char type = (char) h[156];
                long data = pos + BLOCK;
                if (type == 'L') {
                    // GNU long name: the next header's name is in this entry's content.
                    longName = new String(readMember(ch, data, size), StandardCharsets.UTF_8).replace("\0", "");
                } else if (stripDot(entryName).equals(name) && (type == '0' || type == '\0')) {
                    if (size > MAX_MEMBER) {
                        throw new IOException(name + " in " + tar.getFileName() + " is implausibly large");
                    }
                    return Optional.of(readMember(ch, data, size));
                }
                pos = data + ((size + BLOCK - 1) / BLOCK) * BLOCK;
            }
            return Optional.empty();
        }
    }

    private static String stripDot(String n) {
        return n.startsWith("./") ? n.substring(2) : n;
    }

    private static byte[] readMember(FileChannel ch, long pos, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) size);
        readFully(ch, b, pos);
        return b.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new IOException("the tar file ends in the middle of an entry");
            }
        }
    }

    private static boolean isZero(byte[] h) {
        for (byte x : h) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String entryName(byte[] h) {
        String name = cString(h, 0, 100);
        String prefix = cString(h, 345, 155);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    static long parseOctal(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            // GNU base-256 for sizes over 8 GiB.
            long v = h[off] & 0x7f;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        String text = new String(h, off, len, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar file (bad header)");
        }
    }
}
