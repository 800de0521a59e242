package dev.berth.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.text.Localized;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * An image tarball as Berth reads it on the laptop, in either layout {@code docker save} writes: the classic one
 * ({@code manifest.json}, {@code <id>.json}, {@code <v1id>/layer.tar}) and the OCI one of Docker 25+
 * ({@code index.json}, {@code blobs/sha256/…}, with a {@code manifest.json} beside). It knows the image's config
 * (ID, architecture, the diffIDs of its layers) and where each layer blob lies in the file, so Berth can send only
 * the layers a server lacks; {@link #verify} checks every digest before a byte is sent.
 */
public final class ImageArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    /** Files whose layers were checked in this run of Berth, so a deploy does not read them twice. */
    private static final Map<Path, String> VERIFIED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The layout of the tarball: which files name the image. */
    public enum Layout { DOCKER_SAVE, OCI }

    /**
     * One layer of the image, in order.
     *
     * @param diffId     "sha256:…" of the layer's uncompressed tar, as the config's rootfs.diff_ids has it (and
     *                   {@code docker image inspect}'s RootFS.Layers on the server)
     * @param member     the tar member holding the blob (links followed)
     * @param compressed the blob is gzip- or zstd-compressed (sending it compressed again gains nothing)
     */
    public record Layer(String diffId, String member, long offset, long size, boolean compressed) {}

    private final Path file;
    private final Layout layout;
    private final String imageId;
    private final String architecture;
    private final String variant;
    private final String os;
    private final List<String> repoTags;
    private final List<Layer> layers;
    private final Map<String, TarEntries.Member> members;
    private final String configMember;
    private final List<String> manifestDigests;

    private ImageArchive(Path file, Layout layout, String imageId, String architecture, String variant, String os,
                         List<String> repoTags, List<Layer> layers, Map<String, TarEntries.Member> members,
                         String configMember, List<String> manifestDigests) {
        this.manifestDigests = manifestDigests;
        this.file = file;
        this.layout = layout;
        this.imageId = imageId;
        this.architecture = architecture;
        this.variant = variant;
        this.os = os;
        this.repoTags = repoTags;
        this.layers = layers;
        this.members = members;
        this.configMember = configMember;
    }

    /**
     * Reads the tarball's index of members, its manifest and its image config (small reads; layer contents are not
     * read here). The config's digest is checked against its name: a config that is not the image it claims to be
     * is refused now.
     *
     * @throws TransferException naming the file, when it is not an image tarball of one image or is damaged
     */
    public static ImageArchive read(Path file) throws TransferException {
        String name = file.getFileName().toString();
        List<TarEntries.Member> list;
        try {
            list = TarEntries.index(file);
        } catch (IOException e) {
            throw refused(name, "已损坏或不完整，无法作为镜像包读取", "is damaged or cut short: it cannot be read as a tar file");
        }
        Map<String, TarEntries.Member> members = new LinkedHashMap<>();
        for (TarEntries.Member m : list) {
            members.putIfAbsent(m.name(), m);
        }
        JsonNode manifest = json(file, members, "manifest.json", name);
        if (manifest == null) {
            throw refused(name, "不是 docker save 生成的镜像包（没有 manifest.json）",
                    "is not a docker save tarball (no manifest.json)");
        }
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw refused(name, "的镜像清单是空的", "has an empty image manifest");
        }
        if (manifest.size() > 1) {
            // docker load would load (and tag) every one of them.
            throw refused(name, "包含 " + manifest.size() + " 个镜像；Berth 要求每个镜像包只含一个镜像",
                    "holds " + manifest.size() + " images; Berth expects one image per tarball");
        }
        JsonNode first = manifest.get(0);
        String configName = first.path("Config").asText("");
        Layout layout = configName.startsWith("blobs/sha256/") ? Layout.OCI : Layout.DOCKER_SAVE;
        String hex = configName.replaceFirst("^blobs/sha256/", "").replaceFirst("\\.json$", "");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw refused(name, "的清单没有指明镜像配置", "names no image config in its manifest");
        }
        TarEntries.Member configEntry = resolve(members, configName);
        if (configEntry == null) {
            throw refused(name, "缺少清单指明的镜像配置 " + configName + "（文件不完整）",
                    "lacks the image config its manifest names, " + configName + " (the file is incomplete)");
        }
        byte[] configBytes = content(file, configEntry, name);
        if (!Sha256.hex(configBytes).equals(hex)) {
            throw refused(name, "已损坏：镜像配置与其摘要不符", "is damaged: its image config does not match its digest");
        }
        JsonNode config;
        try {
            config = JSON.readTree(configBytes);
        } catch (IOException e) {
            throw refused(name, "的镜像配置不是有效的 JSON", "has an image config that is not valid JSON");
        }
        List<String> diffIds = new ArrayList<>();
        for (JsonNode d : config.path("rootfs").path("diff_ids")) {
            diffIds.add(d.asText());
        }
        JsonNode layerNames = first.path("Layers");
        if (layerNames.size() != diffIds.size()) {
            throw refused(name, "已损坏：清单列出 " + layerNames.size() + " 层，镜像配置却有 " + diffIds.size() + " 层",
                    "is damaged: its manifest lists " + layerNames.size() + " layers but its image config "
                            + diffIds.size());
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String layerName = layerNames.get(i).asText();
            TarEntries.Member blob = resolve(members, layerName);
            if (blob == null) {
                throw refused(name, "缺少第 " + (i + 1) + " 层（" + layerName + "）：文件不完整",
                        "lacks layer " + (i + 1) + " (" + layerName + "): the file is incomplete");
            }
            layers.add(new Layer(diffIds.get(i), blob.name(), blob.offset(), blob.size(),
                    startsWith(file, blob, GZIP, name) || startsWith(file, blob, ZSTD, name)));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode t : first.path("RepoTags")) {
            tags.add(ImageTarball.familiar(t.asText()));
        }
        Set<String> manifests = new LinkedHashSet<>();
        JsonNode index = json(file, members, "index.json", name);
        if (index != null) {
            // Docker 25+ also names the image in the OCI index; docker load honours those names too.
            for (JsonNode m : index.path("manifests")) {
                String ref = m.path("annotations").path("io.containerd.image.name").asText("");
                if (!ref.isEmpty()) {
                    tags.add(ImageTarball.familiar(ref));
                }
                if (!m.path("digest").asText("").isEmpty()) {
                    manifests.add(m.path("digest").asText());
                }
            }
        }
        if (layers.stream().noneMatch(Layer::compressed)) {
            // A compressed blob's digest is not its diffID, and hashing every blob here is not worth a rare case.
            manifests.add(loadedManifestDigest("sha256:" + hex, configBytes.length, layers));
        }
        return new ImageArchive(file, layout, "sha256:" + hex, config.path("architecture").asText(""),
                config.path("variant").asText(""), config.path("os").asText(""), List.copyOf(tags),
                List.copyOf(layers), members, configEntry.name(), List.copyOf(manifests));
    }

    /**
     * Reads every layer and checks it against the config's diffID (a compressed blob is checked as decompressed) and,
     * in the OCI layout, every blob against the digest in its name. Reads the whole file once, at disk speed.
     *
     * @throws TransferException naming the file and the layer, when one does not match
     */
    public void verify() throws TransferException {
        String stamp = stamp();
        if (stamp != null && stamp.equals(VERIFIED.get(file.toAbsolutePath()))) {
            return; // checked on the Images step; the file has not changed since
        }
        verifyLayers();
        if (stamp != null) {
            VERIFIED.put(file.toAbsolutePath(), stamp);
        }
    }

    /** The file as last checked: size, modification time and image; null when it cannot be read. */
    private String stamp() {
        try {
            return java.nio.file.Files.size(file) + " " + java.nio.file.Files.getLastModifiedTime(file).toMillis() + " "
                    + imageId;
        } catch (IOException e) {
            return null;
        }
    }

    private void verifyLayers() throws TransferException {
        String name = file.getFileName().toString();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            MessageDigest raw = Sha256.digest();
            MessageDigest diff = Sha256.digest();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ch.position(l.offset());
                InputStream blob = new java.security.DigestInputStream(new BoundedInputStream(
                        new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), l.size()), raw);
                InputStream tar = l.compressed() ? decompressed(blob, name, i) : blob;
                byte[] buf = new byte[1 << 16];
                for (int n; (n = tar.read(buf)) > 0; ) {
                    diff.update(buf, 0, n);
                }
                blob.transferTo(java.io.OutputStream.nullOutputStream()); // what a gzip stream left unread
            } catch (IOException e) {
                throw refused(name, "已损坏：第 " + (i + 1) + " 层无法读取或解压",
                        "is damaged: layer " + (i + 1) + " cannot be read or decompressed");
            }
            String got = "sha256:" + Sha256.hex(diff);
            if (!got.equals(l.diffId())) {
                throw refused(name, "已损坏：第 " + (i + 1) + " 层与镜像配置中的摘要不符（" + l.diffId() + "）",
                        "is damaged: layer " + (i + 1) + " does not match its digest in the image config ("
                                + l.diffId() + ")");
            }
            String blobHex = l.member().replaceFirst("^blobs/sha256/", "");
            if (layout == Layout.OCI && blobHex.matches("[0-9a-f]{64}")
                    && !Sha256.hex(raw).equals(blobHex)) {
                throw refused(name, "已损坏：第 " + (i + 1) + " 层的内容与其文件名中的摘要不符",
                        "is damaged: layer " + (i + 1) + " does not match the digest in its name");
            }
        }
    }

    /** The sha256 (hex) of the whole file, for a bundle that names its tarballs' checksums. */
    public String fileSha256() throws TransferException {
        return sha256Of(file);
    }

    /** The sha256 (hex) of a whole file. */
    public static String sha256Of(Path file) throws TransferException {
        MessageDigest d = Sha256.digest();
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw refused(file.getFileName().toString(), "无法读取", "cannot be read");
        }
        return Sha256.hex(d);
    }

    private static InputStream decompressed(InputStream in, String name, int layer) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in);
        b.mark(4);
        byte[] magic = b.readNBytes(4);
        b.reset();
        if (magic.length >= 2 && magic[0] == GZIP[0] && magic[1] == GZIP[1]) {
            return new GZIPInputStream(b, 1 << 16);
        }
        // A zstd layer cannot be checked without a zstd decoder; Docker 20.10 cannot load one either.
        throw new IOException("layer " + (layer + 1) + " of " + name + " is zstd-compressed, which this Docker cannot load");
    }

    public Path file() {
        return file;
    }

    public Layout layout() {
        return layout;
    }

    /** "sha256:…", as {@code docker images --no-trunc} prints it. */
    public String imageId() {
        return imageId;
    }

    /** The CPU the image was built for, in Docker's words ("amd64", "arm64"); empty when the config does not say. */
    public String architecture() {
        return architecture;
    }

    /** "v8" for arm64/v8, empty mostly. */
    public String variant() {
        return variant;
    }

    public String os() {
        return os;
    }

    public List<String> repoTags() {
        return repoTags;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The tar member holding the image config. */
    /**
     * The digests an engine with containerd's image store may give this image as its ID (that store names an image
     * by its manifest, not its config): the manifests in the OCI index, and the one Docker 26 writes for a tarball
     * of plain layers (as {@code docker save} writes them; checked on a real engine: ContainerdStoreTransferTest). A
     * digest missed here only means the image is sent again.
     */
    public List<String> manifestDigests() {
        return manifestDigests;
    }

    /** The Docker schema 2 manifest {@code docker load} makes up on a containerd store, byte for byte. */
    private static String loadedManifestDigest(String config, long configSize, List<Layer> layers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":"
                + "\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + config + "\",\"size\":"
                + configSize + "},\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar")
                    .append("\",\"digest\":\"").append(l.diffId())
                    .append("\",\"size\":").append(l.size()).append('}');
        }
        return "sha256:" + Sha256.hex(json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String configMember() {
        return configMember;
    }

    /** Every member by name (for writing a tarball with only some layers). */
    Map<String, TarEntries.Member> members() {
        return members;
    }

    /** A member, with hard and symbolic links followed (docker save links a layer shared by two images). */
    private static TarEntries.Member resolve(Map<String, TarEntries.Member> members, String name) {
        TarEntries.Member m = members.get(name);
        for (int hops = 0; m != null && m.isLink() && hops < 8; hops++) {
            String target = m.link();
            if (m.type() == '2' && !target.startsWith("/")) {
                // A symbolic link is relative to its own folder.
                int slash = m.name().lastIndexOf('/');
                target = Path.of(slash < 0 ? "" : m.name().substring(0, slash)).resolve(target).normalize().toString();
            }
            m = members.get(target);
        }
        return m != null && m.regular() ? m : null;
    }

    private static JsonNode json(Path file, Map<String, TarEntries.Member> members, String member, String name)
            throws TransferException {
        TarEntries.Member m = resolve(members, member);
        if (m == null) {
            return null;
        }
        try {
            return JSON.readTree(content(file, m, name));
        } catch (IOException e) {
            throw refused(name, "的 " + member + " 不是有效的 JSON", "has a " + member + " that is not valid JSON");
        }
    }

    private static byte[] content(Path file, TarEntries.Member m, String name) throws TransferException {
        try {
            return TarEntries.content(file, m);
        } catch (IOException e) {
            throw refused(name, "无法读取", "cannot be read");
        }
    }

    private static boolean startsWith(Path file, TarEntries.Member m, byte[] magic, String name)
            throws TransferException {
        if (m.size() < magic.length) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(magic.length);
            while (b.hasRemaining() && ch.read(b, m.offset() + b.position()) > 0) {
                // read until full
            }
            return java.util.Arrays.equals(b.array(), magic);
        } catch (IOException e) {
            throw refused(name, "无法读取", "cannot be read");
        }
    }

    private static TransferException refused(String file, String zh, String en) {
        return new TransferException(Localized.of("镜像包 " + file + " " + zh + "。", "The image tarball " + file + " " + en + "."));
    }
}
