package dev.berth.transfer;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one file to put on the server: a tarball on the laptop as it is, or a tarball Berth writes on the
 * fly (an image's manifest, config and only the layers the server lacks). It must give the same bytes every time it
 * is opened, so an upload cut short can resume from what arrived.
 */
public interface UploadSource {

    /** The file name on the server (no folder). */
    String name();

    /** The exact number of bytes {@link #open} gives from offset 0. */
    long size();

    /** The bytes from {@code offset} to the end. */
    InputStream open(long offset) throws IOException;

    /** A file on the laptop as it is, sent under {@code name}. */
    static UploadSource ofFile(java.nio.file.Path file, long size, String name) {
        return new UploadSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open(long offset) throws IOException {
                InputStream in = java.nio.file.Files.newInputStream(file);
                in.skipNBytes(offset);
                return in;
            }
        };
    }
}
