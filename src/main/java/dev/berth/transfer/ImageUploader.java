package dev.berth.transfer;

import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.target.ServerCommands;
import dev.berth.text.Localized;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Sends one image tarball to the server by streaming it into {@code cat} on an exec channel (as fast as scp, far
 * faster than JSch's SFTP over a long round trip). An upload cut short leaves its part on the server; the next one
 * checks the part's bytes against the laptop's (sha256 of the prefix) and sends only the rest. The whole file's
 * sha256 is compared before the file is given its final name, so nothing half-sent or damaged is ever loaded.
 */
public final class ImageUploader {
    private static final Duration IDLE = Duration.ofMinutes(2);
    /** A slow server disk still reads this fast: bounds the wait for a hash of a large part. */
    private static final long DISK_BYTES_PER_SECOND = 20L * 1024 * 1024;

    private final RemoteShell shell;
    private final ServerCommands commands;

    /** Told where an upload goes on from (and the file's length as sent), before it sends the rest. */
    @FunctionalInterface
    public interface Resumed {
        void from(long offset, long size);

        default Resumed andThen(Resumed next) {
            return (offset, size) -> {
                from(offset, size);
                next.from(offset, size);
            };
        }
    }

    public ImageUploader(RemoteShell shell, ServerCommands commands) {
        this.shell = shell;
        this.commands = commands;
    }

    /** @return the sha256 (hex) of what arrived, equal on both sides */
    public String upload(ImageTarball tarball, String remoteDir, TransferListener listener)
            throws SshException, TransferException {
        return upload(TransferPlan.whole(tarball), remoteDir, listener, (from, size) -> { });
    }

    /**
     * Sends {@code source} as {@code remoteDir/name}, going on from a part an earlier upload left when its bytes
     * are the same.
     *
     * @param resumed told the offset an upload goes on from, before it sends the rest
     * @return the sha256 (hex) of what arrived, equal on both sides
     * @throws UploadCutShort when the link drops (what arrived stays for the next upload)
     */
    public String upload(UploadSource source, String remoteDir, TransferListener listener,
                         Resumed resumed) throws SshException, TransferException {
        return upload(source, null, remoteDir, listener, resumed);
    }

    /**
     * As {@link #upload(UploadSource, String, TransferListener, Resumed)}; a part left by an
     * upload of {@code other} (the same image compressed or not) is gone on from in that form.
     *
     * @param other the same file in the other form, or null
     */
    public String upload(UploadSource preferred, UploadSource other, String remoteDir, TransferListener listener,
                         Resumed resumed) throws SshException, TransferException {
        try {
            return once(preferred, other, remoteDir, listener, resumed);
        } catch (PartMoved e) {
            // The server side of the dropped upload was still writing when this one measured the part: measure again.
            return once(preferred, other, remoteDir, listener, resumed);
        }
    }

    /** receiveFile's exit when the part is no longer the size the resume was measured at. */
    private static final int PART_MOVED = 75;

    private static final class PartMoved extends TransferException {
        PartMoved(Localized sentence) {
            super(sentence);
        }
    }

    private String once(UploadSource preferred, UploadSource other, String remoteDir, TransferListener listener,
                        Resumed resumed) throws SshException, TransferException {
        String name = preferred.name();
        MessageDigest whole = Sha256.digest();
        long have = partSize(remoteDir, name);
        UploadSource source = preferred;
        Resume resume = resume(preferred, remoteDir, whole, have);
        if (resume == null && have > 0 && other != null) {
            resume = resume(other, remoteDir, whole, have);
            source = resume != null ? other : preferred;
        }
        long offset = resume == null ? 0 : resume.offset();
        long size = source.size();
        if (offset > 0) {
            resumed.from(offset, size);
        }
        ExecResult r = null;
        try (InputStream rest = resume != null ? resume.rest() : offset < size ? source.open(0) : null) {
            if (offset < size) {
                TransferListener shifted = (sent, total, rate) -> listener.progress(offset + sent, size, rate);
                InputStream in = new DigestInputStream(new BufferedInputStream(rest, 1 << 16), whole);
                r = shell.upload(in, size - offset, commands.receiveFile(remoteDir, name, size, offset), shifted, IDLE);
            }
        } catch (SshException e) {
            throw new UploadCutShort(e, name);
        } catch (IOException e) {
            throw new TransferException(Localized.of(
                    "无法读取镜像文件 " + name + "：" + e.getMessage(),
                    "Cannot read the image file " + name + ": " + e.getMessage()));
        }
        if (r != null && r.exitCode() == PART_MOVED) {
            throw new PartMoved(Localized.of("服务器上 " + name + " 的部分文件仍在变化：" + r.stderr().strip(),
                    "The part of " + name + " on the server was still changing: " + r.stderr().strip()));
        }
        if (r != null && !r.ok()) {
            throw new TransferException(Localized.of(
                    "服务器未能保存 " + name + "（可能磁盘已满）：" + r.stderr().strip(),
                    "The server could not store " + name + " (is its disk full?): " + r.stderr().strip()));
        }
        String local = Sha256.hex(whole);
        String remote = offset == 0 && r != null ? firstWord(r.stdout()) : hashOnServer(remoteDir, name, size);
        if (!local.equals(remote)) {
            shell.exec(commands.discardFile(remoteDir, name), Duration.ofSeconds(30));
            throw new TransferException(Localized.of(
                    name + " 上传后校验和不一致（本地 " + local + "，服务器 " + remote + "），已删除，请重试。",
                    name + " arrived with a different checksum (laptop " + local + ", server " + remote
                            + "); it was discarded, please try again."));
        }
        ExecResult mv = shell.exec(commands.acceptFile(remoteDir, name), Duration.ofSeconds(30));
        if (!mv.ok()) {
            throw new TransferException(Localized.of("无法在服务器上保存 " + name + "：" + mv.stderr().strip(),
                    "Cannot keep " + name + " on the server: " + mv.stderr().strip()));
        }
        return local;
    }

    /** The size of the part an earlier upload left, 0 when none. */
    private long partSize(String remoteDir, String name) throws SshException {
        ExecResult part = shell.exec(commands.partSize(remoteDir, name), Duration.ofSeconds(30));
        try {
            return part.ok() ? Long.parseLong(part.stdout().strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Where an upload goes on: after {@code offset} bytes, read on from {@code rest} (the prefix already hashed). */
    private record Resume(long offset, InputStream rest) {}

    /**
     * How this upload goes on from the {@code have} bytes of the part on the server, when they are this source's
     * first bytes (hashed on both sides); null when it starts at 0. The stream that hashed the prefix is handed on,
     * so no byte is read (or compressed) twice; {@code whole} has then hashed the prefix too.
     */
    private Resume resume(UploadSource source, String remoteDir, MessageDigest whole, long have) throws SshException {
        whole.reset();
        if (have <= 0 || have > source.size()) {
            return null;
        }
        MessageDigest prefix = Sha256.digest();
        InputStream in = null;
        try {
            in = source.open(0);
            byte[] buf = new byte[1 << 16];
            for (long left = have; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("shorter than the part");
                }
                prefix.update(buf, 0, n);
                whole.update(buf, 0, n);
                left -= n;
            }
            String theirs = firstWord(shell.exec(commands.hashPart(remoteDir, source.name(), have), hashTime(have))
                    .stdout());
            if (Sha256.hex(prefix).equals(theirs)) {
                return new Resume(have, in);
            }
        } catch (IOException e) {
            // not readable as far as the part goes: start again
        } catch (SshException e) {
            closeQuietly(in);
            throw e;
        }
        closeQuietly(in);
        whole.reset(); // another file under that name, or bytes damaged on the way: start again
        return null;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // only read from
            }
        }
    }

    /** The first, untimed probe: opens the channel and warms the cipher, and sizes the timed one. */
    static final int WARM_BYTES = 1 << 20;
    static final int MIN_PROBE_BYTES = 2 << 20;
    static final int MAX_PROBE_BYTES = 64 << 20;

    /**
     * The link's rate for data that does not compress, as a long upload sees it: 1 MiB of random bytes into
     * {@code cat > /dev/null} to warm up (a cold first probe read loopback at 62 MB/s, a tenth of its rate, and so
     * chose to compress there), then about a second's worth, between 2 and 64 MiB, timed.
     */
    public double measureLink() throws SshException {
        double warm = timeProbe(WARM_BYTES);
        long timed = Math.max(MIN_PROBE_BYTES, Math.min(MAX_PROBE_BYTES, (long) warm));
        return timeProbe(timed);
    }

    private double timeProbe(long bytes) throws SshException {
        byte[] block = new byte[1 << 20];
        new java.util.Random().nextBytes(block);
        long start = System.nanoTime();
        shell.upload(new RepeatedBlock(block, bytes), bytes, commands.discardInput(), TransferListener.NONE, IDLE);
        return bytes / Math.max(1e-6, (System.nanoTime() - start) / 1e9);
    }

    /** {@code size} bytes of one random block over and over: nothing on the way compresses or dedups them. */
    private static final class RepeatedBlock extends InputStream {
        private final byte[] block;
        private long left;
        private int at;

        RepeatedBlock(byte[] block, long size) {
            this.block = block;
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, block.length - at), left);
            System.arraycopy(block, at, b, off, n);
            at = (at + n) % block.length;
            left -= n;
            return n;
        }
    }

    private String hashOnServer(String remoteDir, String name, long size) throws SshException {
        return firstWord(shell.exec(commands.hashPart(remoteDir, name, size), hashTime(size)).stdout());
    }

    private static Duration hashTime(long bytes) {
        return Duration.ofSeconds(30 + bytes / DISK_BYTES_PER_SECOND);
    }

    private static String firstWord(String out) {
        String t = out.strip();
        return t.isEmpty() ? "" : t.split("\\s+")[0];
    }
}
