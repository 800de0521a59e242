package dev.berth.ssh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.transfer.LayerChains;
import dev.berth.transfer.TarHeader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An image tarball in {@code docker save}'s classic layout (config, one {@code <id>/layer.tar} per layer,
 * manifest.json) written from layer tars on disk, so images of many GiB are written without holding a layer in
 * memory (testsupport's ImageTarballWriter keeps its layers as byte arrays). Two images given the same layer file
 * carry the same blob, as two images on one base do.
 */
final class SavedImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A layer tar on disk and its sha256, the diffID the config names. */
    record Layer(Path file, String diffId, long size) {}

    /** What writing a layer tar to a stream looks like. */
    @FunctionalInterface
    interface LayerContent {
        void writeTo(OutputStream out) throws IOException;
    }

    private SavedImage() {}

    /** Writes a layer tar to {@code file}, hashing it on the way. */
    static Layer layer(Path file, LayerContent content) throws IOException {
        MessageDigest d = sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                d)) {
            content.writeTo(out);
        }
        return new Layer(file, "sha256:" + HexFormat.of().formatHex(d.digest()), Files.size(file));
    }

    /** Writes the image {@code tag} of {@code layers} (base first) to {@code file}; returns its size. */
    static long write(Path file, String tag, List<Layer> layers) throws IOException {
        ObjectNode c = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        c.putObject("config").putArray("Cmd").add("/bin/sh");
        c.put("comment", "written by the upload bench for " + tag);
        ArrayNode ids = c.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        layers.forEach(l -> ids.add(l.diffId()));
        byte[] config = JSON.writeValueAsBytes(c);
        String configHex = HexFormat.of().formatHex(sha256().digest(config));
        // As docker save names a layer's folder: the same layer on the same parents gets the same name.
        List<String> chains = LayerChains.chainIds(layers.stream().map(Layer::diffId).toList());
        List<String> names = chains.stream().map(ch -> HexFormat.of().formatHex(sha256().digest(ch.getBytes(StandardCharsets.UTF_8))) + "/layer.tar").toList();
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode m = manifest.addObject().put("Config", configHex + ".json");
        m.putArray("RepoTags").add(tag);
        names.forEach(m.putArray("Layers")::add);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            member(out, configHex + ".json", config);
            List<String> dirs = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                String dir = names.get(i).substring(0, names.get(i).indexOf('/') + 1);
                if (!dirs.contains(dir)) {
                    dirs.add(dir);
                    put(out, TarHeader.entry(dir, 0, 0755, 0, '5', ""));
                }
                Layer l = layers.get(i);
                put(out, TarHeader.file(names.get(i), l.size(), 0644, 0));
                try (FileChannel in = FileChannel.open(l.file(), StandardOpenOption.READ)) {
                    for (long pos = 0; pos < l.size(); ) {
                        pos += in.transferTo(pos, l.size() - pos, out);
                    }
                }
                put(out, new byte[TarHeader.padding(l.size())]);
            }
            member(out, "manifest.json", JSON.writeValueAsBytes(manifest));
            put(out, TarHeader.end());
            return out.size();
        }
    }

    /** A tar of one file {@code name} holding {@code content} (an application layer of one file). */
    static LayerContent oneFile(String name, byte[] content) {
        return out -> {
            out.write(TarHeader.file(name, content.length, 0644, 0));
            out.write(content);
            out.write(new byte[TarHeader.padding(content.length)]);
            out.write(TarHeader.end());
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void member(FileChannel out, String name, byte[] content) throws IOException {
        put(out, TarHeader.file(name, content.length, 0644, 0));
        put(out, content);
        put(out, new byte[TarHeader.padding(content.length)]);
    }

    private static void put(FileChannel out, byte[] bytes) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
