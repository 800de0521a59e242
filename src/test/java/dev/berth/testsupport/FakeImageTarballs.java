package dev.berth.testsupport;

import java.nio.file.Path;

/** docker-save-shaped tarballs that are never loaded: for uploads that are cut off before anything is loaded. */
public final class FakeImageTarballs {
    private FakeImageTarballs() {}

    /** Writes {@code dir/file}: one image tagged {@code tag} with the (fake) ID {@code id} and a layer of zeros. */
    public static void write(Path dir, String file, String tag, String id, int megabytes) {
        Path work = TestTarget.tempDir("tarball");
        TestTarget.runLocalOk("cd '" + work + "' && printf '{}' > " + id + ".json && truncate -s " + megabytes
                + "M layer.tar && printf '[{\"Config\":\"" + id + ".json\",\"RepoTags\":[\"" + tag
                + "\"],\"Layers\":[\"layer.tar\"]}]' > manifest.json && tar -cf '" + dir.resolve(file)
                + "' manifest.json " + id + ".json layer.tar");
    }

    /** The demo bundle's two images, 48 MiB each, with IDs no server has. */
    public static Path demoImages() {
        Path dir = TestTarget.tempDir("fake-images");
        write(dir, "web-1.0.tar", "berth-demo/web:1.0", "a1".repeat(32), 48);
        write(dir, "worker-1.0.tar", "berth-demo/worker:1.0", "b2".repeat(32), 48);
        return dir;
    }
}
