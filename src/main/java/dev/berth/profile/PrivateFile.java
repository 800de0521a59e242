package dev.berth.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the user can read: created with mode 0600 (folders 0700) from their first byte, never chmod-ed after
 * the content is in, and replaced atomically so a crash leaves the old file or the new one, never half of one.
 * On file systems without POSIX modes (Windows) the user's own folder's ACL is what protects them.
 */
final class PrivateFile {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFile() {}

    static boolean posix() {
        return POSIX;
    }

    /** Writes {@code content} to {@code target}, replacing any old file in one rename. */
    static void replace(Path target, byte[] content) throws IOException {
        Path tmp = temp(target);
        try {
            writeDurably(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code content} to {@code target} only if no file is there yet (a hard link does not replace, unlike a
     * rename), so two processes creating the same key file never overwrite each other's key.
     *
     * @return false when another file was already there (the caller reads that one)
     */
    static boolean createNew(Path target, byte[] content) throws IOException {
        Path tmp = temp(target);
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

    /** Creates {@code dir} (and parents) with mode 0700 when missing; leaves an existing folder as it is. */
    static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; fine.
        }
    }

    /** True when group or others may read or write the file. */
    static boolean readableByOthers(Path file) throws IOException {
        if (!POSIX) {
            return false;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.GROUP_WRITE)
                || p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE);
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

    private static Path temp(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        directory(parent);
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return Files.createTempFile(parent, ".berth-", ".tmp", attrs);
    }
}
