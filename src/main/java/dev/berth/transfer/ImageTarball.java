package dev.berth.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code docker save} tarball on the laptop: its size, the image ID inside (so an image already on the server is
 * not sent again) and every name {@code docker load} would give it.
 *
 * @param imageId  "sha256:..." as {@code docker images --no-trunc} prints it
 * @param repoTags the names in the manifest's RepoTags and the OCI index's image-name annotations, in Docker's short
 *                 form ({@link #familiar}); empty when the image is untagged
 * @param archive  its layers and config as read ({@link ImageArchive}); null for a stand-in that is only sent
 */
public record ImageTarball(Path file, long size, String imageId, List<String> repoTags, ImageArchive archive) {

    public ImageTarball(Path file, long size, String imageId, List<String> repoTags) {
        this(file, size, imageId, repoTags, null);
    }

    /**
     * Reads the tarball's manifest and config ({@link ImageArchive#read}); the layers are checked later, before any
     * byte is sent.
     *
     * @throws TransferException naming the file when it is not a docker-save tarball of one image, or is damaged
     */
    public static ImageTarball inspect(Path file) throws TransferException {
        ImageArchive a = ImageArchive.read(file);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new TransferException(dev.berth.text.Localized.of("无法读取镜像包 " + file.getFileName() + "。",
                    "Cannot read the image tarball " + file.getFileName() + "."));
        }
        return new ImageTarball(file, size, a.imageId(), a.repoTags(), a);
    }

    /**
     * Whether the engine's image {@code engineId} is this one: the config digest on Docker's own store, a manifest
     * digest on containerd's ({@link ImageArchive#manifestDigests}).
     */
    public boolean is(String engineId) {
        return imageId.equals(engineId) || archive != null && archive.manifestDigests().contains(engineId);
    }

    /**
     * An image reference as {@code docker images} shows it: without {@code docker.io/} and {@code library/}, with
     * {@code :latest} when no tag or digest is given.
     */
    public static String familiar(String ref) {
        String r = ref.strip();
        if (r.startsWith("docker.io/")) {
            r = r.substring("docker.io/".length());
        }
        if (r.startsWith("library/") && r.indexOf('/', "library/".length()) < 0) {
            r = r.substring("library/".length());
        }
        int slash = r.lastIndexOf('/');
        if (!r.contains("@") && r.indexOf(':', slash + 1) < 0) {
            r = r + ":latest";
        }
        return r;
    }
}
