package dev.berth.ssh.bench;

import dev.berth.transfer.TarHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Image layers made of the files Debian's packages installed on this machine, as a base image's layer is: a tar of
 * the directory tree of whole packages (etc/…, usr/bin/…, usr/lib/…, usr/share/…) with each entry's real type, mode,
 * mtime and symlink target, in path order as docker writes a layer. The files come from dpkg's own lists
 * (/var/lib/dpkg/info/*.list), so nothing on this machine that no package installed (the build tree, /usr/local)
 * gets in.
 */
final class PackageTree {
    /** One entry of the tree, relative ("usr/lib/x86_64-linux-gnu/libc.so.6"). */
    record Entry(String path, char type, int mode, long size, long mtime, String link) {}

    private static List<Entry> entries;

    private PackageTree() {}

    /**
     * Every entry the packages list, package by package as an image installs them (required ones first, as in a
     * Debian base image, then important, standard, optional, each by name), each package's entries in path order
     * and under their real folder (bash lists /bin/bash, which is usr/bin/bash on a merged /usr).
     */
    static synchronized List<Entry> entries() throws IOException {
        if (entries != null) {
            return entries;
        }
        Map<String, Integer> rank = priorities();
        Map<String, Path> lists = new TreeMap<>(Comparator.comparing(
                (String list) -> rank.getOrDefault(list.replaceFirst(":.*", ""), 9)).thenComparing(Comparator.naturalOrder()));
        try (var dir = Files.newDirectoryStream(Path.of("/var/lib/dpkg/info"), "*.list")) {
            for (Path list : dir) {
                lists.put(list.getFileName().toString().replaceFirst("\\.list$", ""), list); // "libc6:amd64"
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Path list : lists.values()) {
            Set<String> paths = new TreeSet<>();
            for (String line : Files.readAllLines(list)) {
                if (line.startsWith("/") && line.length() > 1) {
                    paths.add(line);
                }
            }
            for (String p : paths) {
                Entry e = entry(Path.of(p));
                if (e != null) {
                    out.add(e);
                }
            }
        }
        entries = List.copyOf(out);
        return entries;
    }

    /** Package name → rank of its Priority (0 required … 3 optional), from dpkg's status file. */
    private static Map<String, Integer> priorities() throws IOException {
        List<String> order = List.of("required", "important", "standard", "optional", "extra");
        Map<String, Integer> rank = new HashMap<>();
        String pkg = null;
        for (String line : Files.readAllLines(Path.of("/var/lib/dpkg/status"))) {
            if (line.startsWith("Package: ")) {
                pkg = line.substring(9).strip();
            } else if (line.startsWith("Priority: ") && pkg != null) {
                int r = order.indexOf(line.substring(10).strip());
                rank.put(pkg, r < 0 ? 8 : r);
            }
        }
        return rank;
    }

    /** The entry of one listed path, by its real folder; null when it cannot go into a layer. */
    private static Entry entry(Path abs) {
        try {
            Path parent = abs.getParent();
            Path real = parent == null ? abs : parent.toRealPath().resolve(abs.getFileName());
            String p = Path.of("/").relativize(real).toString();
            if (p.isEmpty() || p.equals(".")) {
                return null;
            }
            PosixFileAttributes a = Files.readAttributes(real, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777; // setuid too
            long mtime = a.lastModifiedTime().toMillis() / 1000;
            Entry e;
            if (a.isSymbolicLink()) {
                e = new Entry(p, '2', 0777, 0, mtime, Files.readSymbolicLink(real).toString());
            } else if (a.isDirectory()) {
                e = new Entry(p + "/", '5', mode, 0, mtime, "");
            } else if (a.isRegularFile() && Files.isReadable(real)) {
                e = new Entry(p, '0', mode, a.size(), mtime, "");
            } else {
                return null;
            }
            TarHeader.entry(e.path(), e.size(), e.mode(), e.mtime(), e.type(), e.link()); // fits ustar?
            return e;
        } catch (IOException | IllegalArgumentException unfit) {
            return null; // gone, unreadable, or a name ustar cannot hold (a real layer has it in a PAX record)
        }
    }

    /**
     * Writes a layer tar of exactly {@code bytes} (a multiple of 512, at least 2048): the entries of the packages
     * from entry {@code start} on, in path order, each under {@code prefix} ("" for the root, else ending in "/"),
     * round again under "again-N/" if the packages run out; the first file that does not fit is cut to fill the
     * layer exactly.
     *
     * @return the index of the entry after the last one taken, for a layer that goes on with the next packages
     */
    static int write(OutputStream out, String prefix, int start, long bytes) throws IOException {
        if (bytes % TarHeader.BLOCK != 0 || bytes < 4L * TarHeader.BLOCK) {
            throw new IllegalArgumentException("a layer is a whole number of blocks: " + bytes);
        }
        List<Entry> all = entries();
        long room = bytes - TarHeader.end().length; // what headers and contents may take
        Map<String, Entry> layer = new TreeMap<>();
        if (!prefix.isEmpty()) {
            layer.put(prefix, new Entry("", '5', 0755, 0, 0, ""));
            room -= TarHeader.BLOCK;
        }
        int next = start;
        while (room > 0) {
            int round = next / all.size();
            Entry e = all.get(next % all.size());
            next++;
            String path = prefix + (round == 0 ? "" : "again-" + round + "/") + e.path();
            if (layer.containsKey(path)) {
                continue; // a folder two packages share
            }
            long cost = TarHeader.BLOCK + e.size() + TarHeader.padding(e.size());
            if (cost > room) {
                if (e.type() != '0') {
                    continue; // the layer ends with a file cut to fit
                }
                e = new Entry(e.path(), '0', e.mode(), room - TarHeader.BLOCK, e.mtime(), "");
                cost = room;
            }
            layer.put(path, e);
            room -= cost;
        }
        byte[] buf = new byte[1 << 16];
        for (Map.Entry<String, Entry> m : layer.entrySet()) {
            Entry e = m.getValue();
            String path = m.getKey();
            try {
                out.write(TarHeader.entry(path, e.size(), e.mode(), e.mtime(), e.type(), e.link()));
            } catch (IllegalArgumentException tooLong) {
                out.write(TarHeader.entry(prefix + "f" + path.hashCode(), e.size(), e.mode(), e.mtime(), e.type(),
                        e.link()));
            }
            if (e.type() == '0') {
                copy(Path.of("/", e.path()), e.size(), out, buf);
                out.write(new byte[TarHeader.padding(e.size())]);
            }
        }
        out.write(TarHeader.end());
        return next;
    }

    /** {@code size} bytes of the file; a file that shrank since it was listed is made up with its own bytes again. */
    private static void copy(Path file, long size, OutputStream out, byte[] buf) throws IOException {
        long left = size;
        while (left > 0) {
            long before = left;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            if (left == before) {
                java.util.Arrays.fill(buf, (byte) '\n');
                while (left > 0) {
                    int n = (int) Math.min(buf.length, left);
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
        }
    }
}
