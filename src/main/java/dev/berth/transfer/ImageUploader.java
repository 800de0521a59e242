package dev.berth.transfer;

import dev.berth.target.ServerCommands;
import dev.berth.ssh.ExecResult;
import dev.berth.ssh.RemoteShell;
import dev.berth.ssh.SshException;
import dev.berth.ssh.TransferListener;
import dev.berth.text.Localized;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Sends one image tarball to the server by streaming it into {@code cat} on an exec channel (as fast as scp, far
 * faster than JSch's SFTP over a long round trip). The sha256 is computed on both sides while the bytes pass and
 * compared before the file is given its final name; nothing half-sent is ever loaded, and no partial file is left on
 * the server. Each side reads the bytes once: a second pass over a 20 GB file on a slow disk would outlast the idle
 * limit.
 */
public final class ImageUploader {
    private static final Duration IDLE = Duration.ofMinutes(2);

    private final RemoteShell shell;
    private final ServerCommands commands;

    public ImageUploader(RemoteShell shell, ServerCommands commands) {
        this.shell = shell;
        this.commands = commands;
    }

    /** @return the sha256 (hex) of what arrived, equal on both sides */
    public String upload(ImageTarball tarball, String remoteDir, TransferListener listener)
            throws SshException, TransferException {
        return upload(TransferPlan.whole(tarball), remoteDir, listener);
    }

    /** Sends {@code source} as {@code remoteDir/name}. @return the sha256 (hex) of what arrived, equal on both sides */
    public String upload(UploadSource source, String remoteDir, TransferListener listener)
            throws SshException, TransferException {
        String name = source.name();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ExecResult r;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(source.open(0), 1 << 16), sha)) {
            r = shell.upload(in, source.size(), commands.receiveFile(remoteDir, name, source.size()), listener, IDLE);
        } catch (SshException e) {
            // The server removes its partial file itself when the stream ends short; this only helps when the
            // connection is still there (an upload stopped for making no progress).
            discardQuietly(remoteDir, name);
            throw e;
        } catch (IOException e) {
            throw new TransferException(Localized.of(
                    "无法读取镜像文件 " + name + "：" + e.getMessage(),
                    "Cannot read the image file " + name + ": " + e.getMessage()));
        }
        if (!r.ok()) {
            throw new TransferException(Localized.of(
                    "服务器未能保存 " + name + "（可能磁盘已满）：" + r.stderr().strip(),
                    "The server could not store " + name + " (is its disk full?): " + r.stderr().strip()));
        }
        String local = HexFormat.of().formatHex(sha.digest());
        String remote = r.stdout().strip().split("\\s+")[0];
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

    private void discardQuietly(String remoteDir, String name) {
        try {
            shell.exec(commands.discardFile(remoteDir, name), Duration.ofSeconds(15));
        } catch (SshException ignored) {
            // The connection is gone; the server-side script has removed the part already.
        }
    }
}
