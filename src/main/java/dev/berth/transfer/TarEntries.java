package dev.berth.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds small members of a tar file by reading only headers and seeking past contents, so a multi-gigabyte image
 * tarball is inspected in milliseconds and never read into memory. Every header is checked (checksum, a size that is
 * a number, not negative and inside the file), so a damaged or hostile file is refused at once instead of read in a
 * loop or into memory.
 */
final class TarEntries {
    private static final int BLOCK = 512;
    private static final int MAX_MEMBER = 16 * 1024 * 1024;

    private TarEntries() {}

    /**
     * One member of a tar file: where its content starts and how long it is, or the member a hard or symbolic link
     * points to ({@code docker save} links a layer that two image versions share).
     */
    record Member(String name, char type, long offset, long size, String link) {
        boolean regular() {
            return type == '0' || type == '\0';
        }

        boolean isLink() {
            return type == '1' || type == '2';
        }
    }

    static Optional<byte[]> read(Path tar, String name) throws IOException {
        return Optional.ofNullable(read(tar, Set.of(name)).get(name));
    }

    /** The named regular members that are present, by name; one pass over the headers. */
    static Map<String, byte[]> read(Path tar, Set<String> names) throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            for (Member m : index(ch, tar)) {
                if (m.regular() && names.contains(m.name()) && !found.containsKey(m.name())) {
                    found.put(m.name(), readMember(ch, m.offset(), m.size(), tar));
                }
            }
            return found;
        }
    }

    /** Every member, in file order, names without a leading "./"; one pass over the headers. */
    static List<Member> index(Path tar) throws IOException {
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            return index(ch, tar);
        }
    }

    /** The content of a member found by {@link #index}, for a small one (a manifest or a config). */
    static byte[] content(Path tar, Member m) throws IOException {
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            return readMember(ch, m.offset(), m.size(), tar);
        }
    }

    private static List<Member> index(FileChannel ch, Path tar) throws IOException {
        List<Member> members = new ArrayList<>();
        long end = ch.size();
        ByteBuffer header = ByteBuffer.allocate(BLOCK);
        long pos = 0;
        String longName = null;
        String longLink = null;
        boolean ended = false;
        while (pos + BLOCK <= end) {
            header.clear();
            readFully(ch, header, pos);
            byte[] h = header.array();
            if (isZero(h)) {
                ended = true;
                break;
            }
            checkChecksum(h);
            String entryName = longName != null ? longName : entryName(h);
            String link = longLink != null ? longLink : cString(h, 157, 100);
            longName = null;
            longLink = null;
            long size = parseSize(h);
            long data = pos + BLOCK;
            if (size > end - data) {
                throw new IOException("an entry's size reaches past the end of the file (damaged or cut short)");
            }
            char type = (char) h[156];
            if (type == 'L') {
                // GNU long name: the next header's name is in this entry's content.
                longName = new String(readMember(ch, data, size, tar), StandardCharsets.UTF_8).replace("\0", "");
            } else if (type == 'K') {
                longLink = new String(readMember(ch, data, size, tar), StandardCharsets.UTF_8).replace("\0", "");
            } else {
                members.add(new Member(stripDot(entryName), type, data, size, stripDot(link)));
            }
            // size >= 0, so every step moves forward by at least one block.
            pos = data + ((size + BLOCK - 1) / BLOCK) * BLOCK;
        }
        if (!ended && pos < end) {
            throw new IOException("the file ends inside a header (cut short)");
        }
        return members;
    }

    private static String stripDot(String n) {
        return n.startsWith("./") ? n.substring(2) : n;
    }

    private static byte[] readMember(FileChannel ch, long pos, long size, Path tar) throws IOException {
        if (size > MAX_MEMBER) {
            throw new IOException("an entry in " + tar.getFileName() + " that Berth must read is implausibly large");
        }
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

    /** The header checksum: the byte sum with the checksum field read as spaces (POSIX ustar, also GNU tar). */
    private static void checkChecksum(byte[] h) throws IOException {
        long unsigned = 0;
        long signed = 0; // some old tars summed signed bytes
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        long stored = parseOctalField(h, 148, 8, "checksum");
        if (stored != unsigned && stored != signed) {
            throw new IOException("not a tar file (a header's checksum is wrong)");
        }
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

    /** The size field: octal digits, or GNU base-256 (first byte 0x80) for sizes past 8 GiB; never negative. */
    static long parseSize(byte[] h) throws IOException {
        int off = 124;
        int len = 12;
        if ((h[off] & 0x80) != 0) {
            if (h[off] != (byte) 0x80) {
                // 0xff starts a negative number; other high bytes are not a size at all.
                throw new IOException("not a tar file (an entry's size is negative or unreadable)");
            }
            long v = 0;
            for (int i = 1; i < len; i++) {
                if ((v >>> 55) != 0) {
                    throw new IOException("not a tar file (an entry's size is too large to be real)");
                }
                v = (v << 8) | (h[off + i] & 0xff);
            }
            if (v < 0) {
                throw new IOException("not a tar file (an entry's size is too large to be real)");
            }
            return v;
        }
        return parseOctalField(h, off, len, "size");
    }

    private static long parseOctalField(byte[] h, int off, int len, String what) throws IOException {
        String text = new String(h, off, len, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        if (text.isEmpty()) {
            return 0;
        }
        // Only octal digits: Long.parseLong would also take a sign ("-2000" is a size that never advances).
        if (!text.matches("[0-7]{1,21}")) {
            throw new IOException("not a tar file (an entry's " + what + " field is not a number)");
        }
        return Long.parseLong(text, 8);
    }
}
