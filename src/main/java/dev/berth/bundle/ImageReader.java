package dev.berth.bundle;

import dev.berth.bundle.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and checks {@code images:} of bundle.yaml (see {@link ImageRef}): pinned tags, plain file names. */
final class ImageReader {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ManifestReader r;
    private final WhenReader whens;

    ImageReader(ManifestReader r) {
        this.r = r;
        this.whens = new WhenReader(r);
    }

    List<ImageRef> read(MapNode m, List<Parameter> params) {
        List<ImageRef> images = new ArrayList<>();
        for (YamlNode n : r.list(m, "images", "bundle.yaml")) {
            MapNode im = r.map(n, "images[]");
            if (im == null) {
                continue;
            }
            r.keys(im, "images[]", "ref", "file", "sha256", "when");
            String ref = r.text(im, "ref", "images[]", true);
            String file = r.text(im, "file", "images[]", true);
            String sha = r.text(im, "sha256", "images[]", false);
            if (ref != null) {
                String tag = imageTag(ref);
                if (tag == null) {
                    r.problem(r.value(im, "ref").line(), "镜像 " + ref + " 没有标签；请写明版本，例如 " + ref + ":1.0。",
                            "image " + ref + " has no tag; pin a version such as " + ref + ":1.0.");
                } else if (tag.equals("latest")) {
                    r.problem(r.value(im, "ref").line(), "镜像 " + ref + " 使用 latest 标签；请写明固定版本。",
                            "image " + ref + " uses the tag latest; pin a fixed version.");
                }
            }
            if (file != null && (file.contains("/") || file.equals("..") || file.isBlank())) {
                r.problem(r.value(im, "file").line(), "镜像文件名 '" + file + "' 不能包含路径。",
                        "image file name '" + file + "' must be a plain file name.");
            }
            if (sha != null && !SHA256.matcher(sha).matches()) {
                r.problem(r.value(im, "sha256").line(), "sha256 必须是 64 个小写十六进制字符。",
                        "sha256 must be 64 lower-case hex characters.");
            }
            Map<String, List<String>> when = whens.readChecked(im, "image " + ref, params);
            if (ref != null && file != null) {
                images.add(new ImageRef(ref, file, sha, when));
            }
        }
        return images;
    }

    /** The tag of an image reference, "@digest" for a digest reference, or null when it has none. */
    static String imageTag(String ref) {
        int at = ref.indexOf('@');
        if (at >= 0) {
            return ref.substring(at);
        }
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : null;
    }
}
