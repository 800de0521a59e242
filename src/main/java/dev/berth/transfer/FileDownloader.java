package dev.berth.transfer;

import dev.berth.files.PrivateFile;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.target.ServerCommands;
import dev.berth.text.ByteSize;
import dev.berth.text.Localized;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * Brings one file of known size and sha256 down from the server (a backup kept there) into a file on the laptop,
 * resumably: the bytes go into {@code <target>.part}, private from its first byte since a backup holds the stack's
 * secrets; a download cut short leaves the part, and the next call asks the server only for the rest. Only a part
 * whose whole sha256 is the one expected gets the target's name, and an existing target is never overwritten.
 *
 * <p>One call is one attempt on one connection: when the link drops the caller connects again and calls again.
 */
public final class FileDownloader {
    /** As the uploads: a server that sends nothing for this long is taken as gone. */
    private static final Duration IDLE = Duration.ofMinutes(2);
    /** sendFile's exit when the server's file is shorter than the part here. */
    private static final int SHORTER = 65;

    private FileDownloader() {}

    /**
     * Downloads {@code remotePath} to {@code localTarget}, going on from the part an earlier call left.
     *
     * @param size     the file's length on the server, in bytes
     * @param sha256   the whole file's sha256 (hex; a leading {@code sha256:} is allowed)
     * @param listener told the bytes of the whole file that are on the laptop so far, and {@code size}
     * @return {@code localTarget}, now holding the checked file
     * @throws SshException     always a {@link CutShort}: the connection failed (dropped, timed out, refused a
     *                          channel); what arrived stays in the part for the next call, on a new connection
     * @throws TransferException when the target exists already, the server's file is not the one expected, the
     *                          checksum does not match (the part is removed) or the laptop could not write the part
     */
    public static Path download(RemoteShell shell, ServerCommands commands, String remotePath, long size,
                                String sha256, Path localTarget, TransferListener listener)
            throws SshException, TransferException {
        TransferListener progress = listener == null ? TransferListener.NONE : listener;
        String name = localTarget.getFileName().toString();
        Path part = localTarget.resolveSibling(name + ".part");
        refuseExisting(localTarget);
        long have;
        MessageDigest whole = Sha256.digest();
        try {
            have = existingPart(part, size);
            if (have < 0) {
                // Longer than the file can be: not this file's beginning. Start again rather than send it on.
                Files.delete(part);
                have = 0;
            }
            if (have == 0) {
                createPart(part);
            } else {
                hashPrefix(part, have, whole);
            }
        } catch (IOException e) {
            throw cannotWrite(part, e);
        }
        long offset = have;
        long arrived = have;
        progress.progress(offset, size, 0);
        if (offset < size) {
            PartSink sink;
            try {
                sink = new PartSink(part, size - offset, whole);
            } catch (PartBusy e) {
                throw new TransferException(Localized.of(
                        "本机上另一个对 " + remotePath + " 的下载正在写入 " + part + "；请等它结束。",
                        "Another download of " + remotePath + " is writing " + part
                                + " on this computer; wait for it to end."));
            } catch (IOException e) {
                throw cannotWrite(part, e);
            }
            ExecResult r = null;
            SshException dropped = null;
            try (sink) {
                TransferListener shifted = (got, total, rate) -> progress.progress(offset + got, size, rate);
                try {
                    r = shell.download(commands.sendFile(remotePath, offset), sink, shifted, IDLE);
                } catch (SshException e) {
                    dropped = e;
                }
                if (dropped == null) {
                    sink.force();
                }
            } catch (IOException e) {
                throw cannotWrite(part, e);
            }
            // Judged once the part is closed: a file still open cannot be deleted on Windows.
            arrived = offset + sink.written;
            if (sink.tooLong) {
                deleteQuietly(part);
                throw notTheFile(remotePath, Localized.of("多于预期的 " + size + " 字节",
                        "more than the " + size + " bytes expected"));
            }
            if (sink.failure != null) {
                throw cannotWrite(part, sink.failure);
            }
            if (dropped != null) {
                throw new CutShort(dropped, remotePath, arrived, size);
            }
            if (r.exitCode() == SHORTER) {
                deleteQuietly(part); // the server's file is shorter than the part: the part cannot be its beginning
            }
            if (!r.ok()) {
                throw new TransferException(Localized.of(
                        "服务器未能发送 " + remotePath + "：" + r.stderr().strip(),
                        "The server could not send " + remotePath + ": " + r.stderr().strip()));
            }
        }
        if (arrived != size) {
            // The command ended well, so this is all the server has: another file than the one listed.
            deleteQuietly(part);
            throw notTheFile(remotePath, Localized.of(arrived + " 字节，而不是预期的 " + size + " 字节",
                    arrived + " bytes, not the " + size + " expected"));
        }
        String got = Sha256.hex(whole);
        if (!got.equals(expected(sha256))) {
            deleteQuietly(part);
            throw new TransferException(Localized.of(
                    remotePath + " 的下载与其校验和不一致（应为 " + expected(sha256) + "，收到 " + got + "）；"
                            + "已删除下载的内容，请重新下载。",
                    "The download of " + remotePath + " did not match its checksum (expected " + expected(sha256)
                            + ", got " + got + "); it was removed, download it again."));
        }
        moveInPlace(part, localTarget);
        return localTarget;
    }

    /**
     * A download stopped part-way by its connection (dropped, timed out, refused a channel). What arrived is kept in
     * the part, so the next call (on a new connection) asks only for the rest; the sentence says how far it got and
     * ends with the connection's own sentence. Its kind is the connection failure's.
     */
    public static final class CutShort extends SshException {
        private final long arrived;
        private final long size;

        CutShort(SshException cause, String file, long arrived, long size) {
            super(cause.kind(), Localized.of(
                    "下载 " + file + " 中途停止：" + ByteSize.of(size) + " 中已收到 " + ByteSize.of(arrived)
                            + "，保留在本机；再次运行同一下载即可从中断处继续。（" + cause.sentence().zh() + "）",
                    "The download of " + file + " stopped part-way: " + ByteSize.of(arrived) + " of "
                            + ByteSize.of(size) + " arrived and are kept on this computer; run the same download"
                            + " again to go on from there. (" + cause.sentence().en() + ")"), cause);
            this.arrived = arrived;
            this.size = size;
        }

        /** Bytes of the file on the laptop now, in the part. */
        public long arrived() {
            return arrived;
        }

        public long size() {
            return size;
        }
    }

    private static void refuseExisting(Path target) throws TransferException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw existing(target);
        }
    }

    private static TransferException existing(Path target) {
        return new TransferException(Localized.of(
                target + " 已存在，Berth 不会覆盖它：请将它移走，或另选一个文件名。",
                target + " already exists and Berth does not overwrite it: move it away or choose another name."));
    }

    /** The part's length when it can be gone on from, 0 when there is none, -1 when it is longer than the file. */
    private static long existingPart(Path part, long size) throws IOException {
        if (!Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long have = Files.size(part);
        return have > size ? -1 : have;
    }

    /**
     * An empty part for the user alone (0600, or an owner-only ACL), made the way Berth makes every private file (a
     * missing folder is made 0700).
     */
    private static void createPart(Path part) throws IOException {
        if (!PrivateFile.createNew(part, new byte[0])) {
            throw new FileAlreadyExistsException(part.toString(), null, "another download is writing it");
        }
    }

    /** The part's first {@code bytes}, read into the digest: the whole file's hash goes on from there. */
    private static void hashPrefix(Path part, long bytes, MessageDigest whole) throws IOException {
        try (InputStream in = Files.newInputStream(part)) {
            byte[] buf = new byte[1 << 16];
            for (long left = bytes; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(part + " became shorter while it was read");
                }
                whole.update(buf, 0, n);
                left -= n;
            }
        }
    }

    /**
     * Appends what arrives to the part and hashes it on the way, so the bytes are read from the link once and never
     * again from the disk. Refuses more than the file's length (a server file that grew is not the one listed, and
     * must not fill the laptop's disk). Remembers why it refused, which the shell only reports as a failed channel.
     */
    private static final class PartSink extends OutputStream {
        private final FileChannel channel;
        private final long room;
        private final MessageDigest digest;
        long written;
        boolean tooLong;
        IOException failure;

        PartSink(Path part, long room, MessageDigest digest) throws IOException {
            this.channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            this.room = room;
            this.digest = digest;
            // Two downloads appending to one part (the CLI and the dashboard) would interleave their bytes.
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new PartBusy();
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > room) {
                tooLong = true;
                throw new IOException("more bytes than the file's length");
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            digest.update(b, off, len);
            written += len;
        }

        /** On the disk before the part is renamed: a power cut must not leave the name on a short file. */
        void force() throws IOException {
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Another download holds the part's lock. */
    private static final class PartBusy extends IOException {}

    /**
     * Gives the checked part the target's name without ever replacing a file there: a hard link fails when the
     * name is taken (a rename would silently replace it); without hard links, a move that refuses an existing target.
     */
    private static void moveInPlace(Path part, Path target) throws TransferException {
        try {
            try {
                Files.createLink(target, part);
                Files.delete(part);
                return;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                // No hard links on this file system: fall through to a plain move.
            }
            Files.move(part, target);
        } catch (FileAlreadyExistsException e) {
            throw existing(target);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private static TransferException notTheFile(String remotePath, Localized holds) {
        return new TransferException(Localized.of(
                "服务器上的 " + remotePath + " 有" + holds.zh() + "：它不是列出的那个文件。已删除下载的内容。",
                remotePath + " on the server holds " + holds.en()
                        + ": it is not the file that was listed. What was downloaded was removed."));
    }

    private static TransferException cannotWrite(Path file, IOException e) {
        return new TransferException(Localized.of(
                "无法在本机写入 " + file + "（磁盘是否已满？）：" + e.getMessage(),
                "Cannot write " + file + " on this computer (is its disk full?): " + e.getMessage()));
    }

    private static String expected(String sha256) {
        String s = sha256.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("sha256:") ? s.substring("sha256:".length()) : s;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Left behind: the next call measures it and starts again if it cannot be gone on from.
        }
    }
}
