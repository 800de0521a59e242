package dev.berth.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files whose mode is set before any content lands in them (secrets never sit world-readable). */
public final class PrivateFiles {
    private PrivateFiles() {}

    /** Writes {@code content} to {@code target} with the given POSIX mode (e.g. 0600), replacing it atomically. */
    public static void write(Path target, byte[] content, int mode) throws IOException {
        Set<PosixFilePermission> perms = permissions(mode);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".berth-", ".tmp",
                PosixFilePermissions.asFileAttribute(permissions(0600)));
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, perms);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwx";
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            for (int b = 0; b < 3; b++) {
                sb.append((bits & (4 >> b)) != 0 ? rwx.charAt(b) : '-');
            }
        }
        return PosixFilePermissions.fromString(sb.toString());
    }

    /** The mode bits of a permission set, e.g. 0755. */
    static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
