package dev.berth.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.transfer.TarHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes image tarballs the way {@code docker save} does, in the classic layout (Docker ≤ 24) or the OCI layout
 * (Docker 25+), with real digests: each layer a tar whose sha256 is the config's diffID, the config named by its
 * own sha256. For the laptop-side reader's unit tests; real {@code docker save} output is read in the integration
 * tier.
 */
public final class ImageTarballWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> tags = new ArrayList<>();
    private final List<byte[]> layers = new ArrayList<>();
    private final List<Boolean> gzipped = new ArrayList<>();
    private String architecture = "amd64";
    private boolean oci;

    public static ImageTarballWriter image(String tag) {
        ImageTarballWriter w = new ImageTarballWriter();
        w.tags.add(tag);
        return w;
    }

    /** A layer: a tar holding one file {@code name} with {@code content}. */
    public ImageTarballWriter layer(String name, byte[] content) {
        layers.add(tarOf(name, content));
        gzipped.add(false);
        return this;
    }

    /** A layer given whole, as a tar (a real image's layer, say, so that the image runs). */
    public ImageTarballWriter rawLayer(byte[] tar) {
        layers.add(tar.clone());
        gzipped.add(false);
        return this;
    }

    /** A layer holding one file of {@code bytes} zeros (compresses to almost nothing). */
    public ImageTarballWriter zeros(String name, int bytes) {
        return layer(name, new byte[bytes]);
    }

    /** The last layer stored gzip-compressed (as an OCI blob may be); its diffID stays that of the plain tar. */
    public ImageTarballWriter gzipLast() {
        gzipped.set(gzipped.size() - 1, true);
        return this;
    }

    public ImageTarballWriter architecture(String arch) {
        this.architecture = arch;
        return this;
    }

    /** Docker 25+'s OCI layout instead of the classic one. */
    public ImageTarballWriter oci() {
        this.oci = true;
        return this;
    }

    /** The config's sha256, "sha256:…": the image ID docker load gives it. */
    public String imageId() {
        return "sha256:" + sha256(config());
    }

    public Path write(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] config = config();
            String configHex = sha256(config);
            List<String> layerNames = new ArrayList<>();
            List<byte[]> blobs = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                byte[] blob = gzipped.get(i) ? gzip(layers.get(i)) : layers.get(i);
                blobs.add(blob);
                String hex = sha256(blob);
                layerNames.add(oci ? "blobs/sha256/" + hex : sha256((i + ":" + hex).getBytes(StandardCharsets.UTF_8))
                        + "/layer.tar");
            }
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode m = manifest.addObject();
            m.put("Config", oci ? "blobs/sha256/" + configHex : configHex + ".json");
            tags.forEach(m.putArray("RepoTags")::add);
            layerNames.forEach(m.putArray("Layers")::add);
            if (oci) {
                ObjectNode ociManifest = JSON.createObjectNode();
                ociManifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
                ociManifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                        .put("digest", "sha256:" + configHex).put("size", config.length);
                ArrayNode ls = ociManifest.putArray("layers");
                for (int i = 0; i < blobs.size(); i++) {
                    ls.addObject().put("mediaType", gzipped.get(i) ? "application/vnd.oci.image.layer.v1.tar+gzip"
                            : "application/vnd.oci.image.layer.v1.tar").put("digest", "sha256:" + sha256(blobs.get(i)))
                            .put("size", blobs.get(i).length);
                }
                byte[] ociBytes = JSON.writeValueAsBytes(ociManifest);
                ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
                        .put("mediaType", "application/vnd.oci.image.index.v1+json");
                ObjectNode entry = index.putArray("manifests").addObject()
                        .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                        .put("digest", "sha256:" + sha256(ociBytes)).put("size", ociBytes.length);
                entry.putObject("annotations").put("io.containerd.image.name", "docker.io/" + tags.get(0));
                member(out, "blobs/sha256/" + sha256(ociBytes), ociBytes);
                member(out, "blobs/sha256/" + configHex, config);
                member(out, "index.json", JSON.writeValueAsBytes(index));
                member(out, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                member(out, configHex + ".json", config);
            }
            for (int i = 0; i < blobs.size(); i++) {
                member(out, layerNames.get(i), blobs.get(i));
            }
            member(out, "manifest.json", JSON.writeValueAsBytes(manifest));
            out.write(TarHeader.end());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private byte[] config() {
        ObjectNode c = JSON.createObjectNode().put("architecture", architecture).put("os", "linux");
        c.putObject("config").putArray("Cmd").add("/bin/sh");
        c.put("comment", "written by ImageTarballWriter for " + tags);
        ObjectNode rootfs = c.putObject("rootfs").put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        layers.forEach(l -> ids.add("sha256:" + sha256(l)));
        try {
            return JSON.writeValueAsBytes(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void member(OutputStream out, String name, byte[] content) throws IOException {
        out.write(TarHeader.file(name, content.length, 0644, 0));
        out.write(content);
        out.write(new byte[TarHeader.padding(content.length)]);
    }

    private static byte[] tarOf(String name, byte[] content) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            member(b, name, content);
            b.write(TarHeader.end());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** Layer content that does not compress, the same for the same seed. */
    public static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
