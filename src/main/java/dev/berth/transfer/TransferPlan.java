package dev.berth.transfer;

import dev.berth.target.CpuArch;
import dev.berth.target.Facts;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deploy sends, image by image, in load order: for each tarball to upload, the bytes that cross the link
 * (only the layers the server lacks, each shared layer once) and what stays on the laptop. The CLI and the wizard
 * show its summary before anything is sent; the deployer sends exactly its sources.
 */
public record TransferPlan(List<Item> items, boolean wholeImages, Codec codec) {

    /** One image to upload and what of it is sent. */
    public record Item(ImageStatus image, UploadSource source, long tarballBytes) {
        public long sentBytes() {
            return source.size();
        }
    }

    public TransferPlan {
        items = List.copyOf(items);
    }

    /**
     * For the server as probed: only the layers its engine lacks, compressed (where that pays) with what it can undo.
     */
    public static TransferPlan of(List<ImageStatus> images, Facts facts) {
        return of(images, facts.docker(), Codec.forServer(facts.tools()));
    }

    /**
     * @param docker the server's engine as probed; with containerd's image store docker load needs every layer, so
     *               whole tarballs are sent
     * @param codec  how images are compressed on the way when that pays
     */
    public static TransferPlan of(List<ImageStatus> images, Facts.Docker docker, Codec codec) {
        boolean whole = docker != null && docker.containerdStore();
        LayerChains server = new LayerChains(docker == null || whole ? List.of() : docker.imageLayers().values());
        List<Item> items = new ArrayList<>();
        for (ImageStatus s : images) {
            if (!s.needsUpload()) {
                continue;
            }
            ImageTarball t = s.tarball();
            UploadSource source = t.archive() == null || whole ? whole(t) : ThinTarball.of(t.archive(), server);
            items.add(new Item(s, source, t.size()));
        }
        return new TransferPlan(items, whole, codec);
    }

    /** Every tarball as it is (a stand-in tarball that was never read, or an engine that needs whole images). */
    public static UploadSource whole(ImageTarball t) {
        return UploadSource.ofFile(t.file(), t.size(), t.file().getFileName().toString());
    }

    /**
     * Why these images cannot go to this server, or null: an image built for another CPU (named, with both
     * architectures), or too little room — the bytes sent land in the install folder's filesystem, the layers
     * unpack under Docker's data root, often another filesystem — with what is needed and what is free on each.
     */
    public Localized refusal(Facts facts) {
        String server = CpuArch.normalize(facts.host().arch());
        for (Item item : items) {
            ImageArchive a = item.image().tarball().archive();
            String image = a == null ? "" : CpuArch.normalize(a.architecture());
            if (!image.isEmpty() && !server.isEmpty() && !image.equals(server)) {
                String file = item.image().image().file();
                return Localized.of("镜像 " + file + " 是为 " + image + " 构建的，而服务器的 CPU 是 " + server
                                + "，容器无法运行；请换用 " + server + " 版的镜像包。",
                        "The image " + file + " is built for " + image + " but the server's CPU is " + server
                                + ", so it cannot run there; bring the " + server + " build of the image.");
            }
        }
        long sent = sentBytes();
        long layers = layerBytes();
        Long dirFree = facts.disk().freeBytes();
        Long dockerFree = facts.docker().rootFreeBytes();
        boolean dirShort = dirFree != null && sent > dirFree;
        boolean dockerShort = dockerFree != null && layers > dockerFree;
        if (!dirShort && !dockerShort) {
            return null;
        }
        String dir = facts.disk().path();
        String root = facts.docker().rootDir().isEmpty() ? "Docker" : facts.docker().rootDir();
        return Localized.of("服务器空间不足：镜像包需要 " + size(sent) + " 放在 " + dir + "（可用 " + free(dirFree)
                        + "），解开的层需要 " + size(layers) + " 放在 Docker 数据目录 " + root + "（可用 "
                        + free(dockerFree) + "）。请先腾出空间。",
                "The server lacks room for the images: the tarballs need " + size(sent) + " in " + dir + " ("
                        + free(dirFree) + " free) and their layers " + size(layers) + " under Docker's data root "
                        + root + " (" + free(dockerFree) + " free). Free some space first.");
    }

    private static String free(Long bytes) {
        return bytes == null ? "?" : size(bytes);
    }

    /**
     * What the layers sent take once unpacked: a plain layer its own size; a compressed one is counted three times
     * its size, which covers the usual ratio of gzip on files.
     */
    public long layerBytes() {
        long total = 0;
        for (Item item : items) {
            List<ImageArchive.Layer> layers = item.source() instanceof ThinTarball t ? t.sentLayers()
                    : item.image().tarball().archive() == null ? List.of() : item.image().tarball().archive().layers();
            if (layers.isEmpty() && item.image().tarball().archive() == null) {
                total += item.tarballBytes();
            }
            for (ImageArchive.Layer l : layers) {
                total += l.compressed() ? 3 * l.size() : l.size();
            }
        }
        return total;
    }

    public long sentBytes() {
        return items.stream().mapToLong(Item::sentBytes).sum();
    }

    public long tarballBytes() {
        return items.stream().mapToLong(Item::tarballBytes).sum();
    }

    /** "4.1 GB of 18.3 GB must be sent (14.2 GB of layers are already on the server)", or that nothing is sent. */
    public Localized summary() {
        if (items.isEmpty()) {
            return Localized.of("所有镜像都已在服务器上，无需上传。", "Every image is already on the server: nothing to send.");
        }
        String sent = size(sentBytes());
        String total = size(tarballBytes());
        long shared = items.stream().mapToLong(i -> i.source() instanceof ThinTarball t ? t.sharedBytes() : 0).sum();
        long onServer = items.stream().mapToLong(i -> i.source() instanceof ThinTarball t ? t.serverBytes() : 0).sum();
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if (onServer > 0) {
            zh.add(size(onServer) + " 的层已在服务器上");
            en.add(size(onServer) + " of layers are already on the server");
        }
        if (shared > 0) {
            zh.add(size(shared) + " 的层为多个镜像共用，只发送一次");
            en.add(size(shared) + " of layers are shared by several images and sent once");
        }
        Localized line = Localized.of("需要发送 " + sent + "（共 " + total + (zh.isEmpty() ? "" : "；" + String.join("；", zh))
                        + "）。", sent + " of " + total + " must be sent" + (en.isEmpty() ? "" : " (" + String.join("; ", en)
                        + ")") + ".");
        if (wholeImages) {
            return Localized.of(line.zh() + "服务器的 Docker 使用 containerd 镜像存储，只能发送完整镜像。",
                    line.en() + " The server's Docker keeps images in containerd's store, so whole images are sent.");
        }
        return line;
    }

    /** Bytes as an operator reads them: one decimal, 1024-based like docker's sizes. */
    public static String size(long bytes) {
        return dev.berth.text.ByteSize.of(bytes);
    }
}
