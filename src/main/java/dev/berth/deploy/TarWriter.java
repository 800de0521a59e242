package dev.berth.deploy;

import dev.berth.transfer.TarHeader;
import java.io.ByteArrayOutputStream;

/**
 * Writes a ustar archive of small files, so a whole release (rendered files, plan, job library) reaches the server
 * in one channel and is unpacked with the server's own {@code tar}, keeping each file's mode.
 */
final class TarWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long mtime = System.currentTimeMillis() / 1000;

    void addFile(String path, byte[] content, int mode) {
        out.writeBytes(TarHeader.file(path, content.length, mode, mtime));
        out.writeBytes(content);
        out.writeBytes(new byte[TarHeader.padding(content.length)]);
    }

    byte[] finish() {
        out.writeBytes(TarHeader.end());
        return out.toByteArray();
    }
}
