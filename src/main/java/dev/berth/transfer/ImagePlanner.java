package dev.berth.transfer;

import dev.berth.bundle.ImageRef;
import dev.berth.text.Localized;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, per image, whether to send its tarball: an image already on the server with the same ID is never sent
 * again; a tarball that is not an image of the expected name is refused before any byte leaves the laptop.
 */
public final class ImagePlanner {
    private ImagePlanner() {}

    /**
     * @param imagesDir     the operator's folder of tarballs, or null when none was given
     * @param presentImages "repository:tag" → image ID on the server
     */
    public static List<ImageStatus> plan(List<ImageRef> images, Path imagesDir, Map<String, String> presentImages)
            throws TransferException {
        List<ImageStatus> out = new ArrayList<>();
        for (ImageRef image : images) {
            Path file = imagesDir == null ? null : imagesDir.resolve(image.file());
            ImageTarball tarball = null;
            if (file != null && Files.isRegularFile(file)) {
                try {
                    tarball = ImageTarball.inspect(file);
                } catch (IOException e) {
                    throw new TransferException(Localized.of(
                            image.file() + " 不是有效的镜像包（docker save 生成的 tar）：" + e.getMessage(),
                            image.file() + " is not a valid image tarball (a tar written by docker save): " + e.getMessage()));
                }
                if (!tarball.repoTags().isEmpty() && !tarball.repoTags().contains(image.ref())) {
                    throw new TransferException(Localized.of(
                            image.file() + " 中的镜像是 " + String.join(", ", tarball.repoTags()) + "，而不是 " + image.ref() + "。",
                            image.file() + " holds " + String.join(", ", tarball.repoTags()) + ", not " + image.ref() + "."));
                }
            }
            String onServer = presentImages.get(image.ref());
            ImageStatus.State state;
            if (onServer != null && (tarball == null || tarball.imageId().equals(onServer))) {
                state = ImageStatus.State.ON_SERVER;
            } else if (tarball != null) {
                state = ImageStatus.State.TO_UPLOAD;
            } else {
                state = ImageStatus.State.MISSING;
            }
            out.add(new ImageStatus(image, tarball, state));
        }
        return List.copyOf(out);
    }

    /** One sentence naming every missing image and where Berth looked. */
    public static Localized missingSentence(List<ImageStatus> statuses, Path imagesDir) {
        List<String> missing = statuses.stream().filter(s -> s.state() == ImageStatus.State.MISSING)
                .map(s -> s.image().file() + " (" + s.image().ref() + ")").toList();
        if (missing.isEmpty()) {
            return null;
        }
        String where = imagesDir == null ? "" : imagesDir.toString();
        return Localized.of(
                "服务器上没有这些镜像，镜像目录 " + where + " 中也找不到它们的镜像包：" + String.join("，", missing) + "。",
                "These images are neither on the server nor in the image folder " + where + ": "
                        + String.join(", ", missing) + ".");
    }
}
