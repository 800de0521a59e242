package dev.berth.transfer;

import dev.berth.bundle.ImageRef;
import dev.berth.text.Localized;
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
                tarball = ImageTarball.inspect(file);
                refuseOtherNames(image, tarball);
            }
            String onServer = presentImages.get(image.ref());
            ImageStatus.State state;
            if (onServer != null && (tarball == null || tarball.is(onServer))) {
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

    /**
     * docker load gives the image every name inside the tarball: one more would silently move that tag away from an
     * image already on the server, none would load an image the stack cannot find. So the names must be exactly the
     * one expected.
     */
    private static void refuseOtherNames(ImageRef image, ImageTarball tarball) throws TransferException {
        String expected = ImageTarball.familiar(image.ref());
        List<String> tags = tarball.repoTags();
        if (tags.equals(List.of(expected))) {
            return;
        }
        String file = image.file();
        if (tags.isEmpty()) {
            throw new TransferException(Localized.of(
                    file + " 中的镜像（" + tarball.imageId() + "）没有标签；Berth 只加载标签恰为 " + image.ref()
                            + " 的镜像包，请用 docker save " + image.ref() + " -o " + file + " 重新导出。",
                    file + " holds an image with no tag (" + tarball.imageId() + "); Berth loads only a tarball tagged"
                            + " exactly " + image.ref() + ": export it again with docker save " + image.ref() + " -o "
                            + file + "."));
        }
        String held = String.join(", ", tags);
        if (tags.contains(expected)) {
            throw new TransferException(Localized.of(
                    file + " 中的镜像带有多个标签（" + held + "）；加载它会把服务器上其他镜像的标签改掉。Berth 只加载标签恰为 "
                            + image.ref() + " 的镜像包，请用 docker save " + image.ref() + " -o " + file + " 重新导出。",
                    file + " holds an image tagged " + held + "; loading it would retag other images on the server."
                            + " Berth loads only a tarball tagged exactly " + image.ref() + ": export it again with"
                            + " docker save " + image.ref() + " -o " + file + "."));
        }
        throw new TransferException(Localized.of(
                file + " 中的镜像是 " + held + "，而不是 " + image.ref() + "。",
                file + " holds " + held + ", not " + image.ref() + "."));
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
