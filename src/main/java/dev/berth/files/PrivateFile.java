package dev.berth.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that writes files on the laptop whose readers matter: secrets (profiles, the vault's key, rendered
 * files holding answers) are for the user alone, from their first byte, never loosened after the content is in,
 * and every write replaces the old file atomically so a crash leaves the old file or the new one, never half.
 *
 * <p>"For the user alone" is said the way the file system of {@code target} says it (not the default one's): POSIX
 * (Linux, macOS) mode 0600, folders 0700; an ACL file system (Windows, NTFS) an ACL with one ALLOW entry for the
 * file's owner; a file system with neither is left to its folder's protection. Other modes (0644, 0755) are set
 * only where modes exist: on Windows the file is written and the mode stays in the release's tar for the server.
 */
public final class PrivateFile {
    /** Mode bits of group and others: a mode without them is private. */
    private static final int GROUP_OTHER = 0077;

    private PrivateFile() {}

    /** True when {@code p}'s file system has POSIX modes. */
    public static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static boolean acl(Path p) {
        return !posix(p) && p.getFileSystem().supportedFileAttributeViews().contains("acl");
    }

    /** Writes {@code content} for the user alone, replacing any old file in one rename; creates its folder 0700. */
    public static void replace(Path target, byte[] content) throws IOException {
        directory(parentOf(target));
        write(target, content, 0600);
    }

    /**
     * Writes {@code content} with the POSIX {@code mode} (e.g. 0600, 0644, 0755), replacing any old file in one
     * rename. Missing parent folders are created as usual (not private: a rendered release's folders are 0755).
     */
    public static void write(Path target, byte[] content, int mode) throws IOException {
        Files.createDirectories(parentOf(target));
        Path tmp = temp(target, mode);
        try {
            writeDurably(tmp, content);
            if (posix(tmp) && mode != 0600) {
                Files.setPosixFilePermissions(tmp, permissions(mode));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code content} for the user alone to {@code target} only if no file is there yet (a hard link does not
     * replace, unlike a rename), so two processes creating the same key file never overwrite each other's key.
     *
     * @return false when another file was already there (the caller reads that one)
     */
    public static boolean createNew(Path target, byte[] content) throws IOException {
        directory(parentOf(target));
        Path tmp = temp(target, 0600);
        try {
            writeDurably(tmp, content);
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(target)) {
                    return false;
                }
                // No hard links on this file system: a rename is still atomic for the content.
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code dir} (and parents) for the user alone when missing; leaves an existing folder as it is. */
    public static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = parentOf(dir);
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(permissions(0700)));
            } else {
                Files.createDirectory(dir);
                if (acl(dir)) {
                    // Inherited by what is made inside later, so nothing in Berth's folder starts out readable.
                    ownerOnly(dir, EnumSet.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT));
                }
            }
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; fine.
        }
    }

    /**
     * True when group or others may read or write the file (POSIX only: on Windows the folder's inherited ACL
     * usually lets SYSTEM and Administrators in as well, which is not a reason to refuse a key file).
     */
    public static boolean readableByOthers(Path file) throws IOException {
        if (!posix(file)) {
            return false;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.GROUP_WRITE)
                || p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** The POSIX permissions of a mode such as 0755. */
    public static Set<PosixFilePermission> permissions(int mode) {
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

    /** An empty file beside {@code target}, private before any byte is in it (or with the folder's default). */
    private static Path temp(Path target, int mode) throws IOException {
        Path parent = parentOf(target);
        if (posix(parent)) {
            return Files.createTempFile(parent, ".berth-", ".tmp",
                    PosixFilePermissions.asFileAttribute(permissions(0600)));
        }
        Path tmp = Files.createTempFile(parent, ".berth-", ".tmp");
        if ((mode & GROUP_OTHER) == 0 && acl(tmp)) {
            ownerOnly(tmp, EnumSet.noneOf(AclEntryFlag.class));
        }
        return tmp;
    }

    /** Replaces the ACL with one entry: the owner may do everything, nobody else anything. */
    private static void ownerOnly(Path p, Set<AclEntryFlag> flags) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(p, AclFileAttributeView.class);
        AclEntry owner = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(view.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).setFlags(flags).build();
        view.setAcl(List.of(owner));
    }

    /** Content on the disk before the rename, so a power cut cannot leave the new name pointing at an empty file. */
    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static Path parentOf(Path p) {
        return p.toAbsolutePath().getParent();
    }
}
