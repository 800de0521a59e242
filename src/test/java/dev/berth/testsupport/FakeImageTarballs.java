package dev.berth.testsupport;

import java.nio.file.Path;

/**
 * docker-save tarballs that are never loaded: for uploads that are cut off before anything is loaded. Their digests
 * are real (Berth checks them before sending), their IDs are no server's.
 */
public final class FakeImageTarballs {
    private FakeImageTarballs() {}

    /** Writes {@code dir/file}: one image tagged {@code tag} with a layer of zeros. */
    public static void write(Path dir, String file, String tag, int megabytes) {
        ImageTarballWriter.image(tag).zeros("zeros", megabytes * 1024 * 1024).write(dir.resolve(file));
    }

    /** The demo bundle's two images, 48 MiB each, with IDs no server has. */
    public static Path demoImages() {
        Path dir = TestTarget.tempDir("fake-images");
        write(dir, "web-1.0.tar", "berth-demo/web:1.0", 48);
        write(dir, "worker-1.0.tar", "berth-demo/worker:1.0", 48);
        return dir;
    }
}
