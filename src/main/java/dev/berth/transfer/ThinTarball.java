package dev.berth.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tarball Berth sends for one image: every member of the operator's tarball (manifest, config, OCI index) but
 * the layer blobs whose chain the server will already have when this one is loaded. {@code docker load} skips such
 * a layer without opening its file, so the image loads the same from far fewer bytes. Written on the fly, the
 * same bytes every time it is opened, so an upload cut short can go on from where it stopped.
 */
public final class ThinTarball implements UploadSource {
    /** One member as written: its header, then its content from the original file (or none), then padding. */
    private record Part(byte[] header, long offset, long size) {}

    private final ImageArchive archive;
    private final List<Part> parts;
    private final List<ImageArchive.Layer> sent;
    private final long size;
    private final long sharedBytes;
    private final long serverBytes;

    private ThinTarball(ImageArchive archive, List<Part> parts, List<ImageArchive.Layer> sent, long sharedBytes,
                        long serverBytes) {
        this.archive = archive;
        this.sharedBytes = sharedBytes;
        this.serverBytes = serverBytes;
        this.parts = parts;
        this.sent = sent;
        long total = TarHeader.end().length;
        for (Part p : parts) {
            total += TarHeader.BLOCK + p.size() + TarHeader.padding(p.size());
        }
        this.size = total;
    }

    /**
     * @param server the chains the server will have when this tarball is loaded; the image's own chains are added
     *               to it, for the next image of the same deploy
     */
    public static ThinTarball of(ImageArchive archive, LayerChains server) {
        List<String> diffIds = archive.layers().stream().map(ImageArchive.Layer::diffId).toList();
        List<String> chains = LayerChains.chainIds(diffIds);
        Set<String> skipped = new HashSet<>();
        List<ImageArchive.Layer> sent = new ArrayList<>();
        long sharedBytes = 0;
        long serverBytes = 0;
        for (int i = 0; i < chains.size(); i++) {
            ImageArchive.Layer l = archive.layers().get(i);
            if (server.has(chains.get(i))) {
                skipped.add(l.member());
                if (server.onServer(chains.get(i))) {
                    serverBytes += l.size();
                } else {
                    sharedBytes += l.size();
                }
            } else {
                sent.add(l);
            }
        }
        // A blob another layer of this image still needs (one layer twice) is sent.
        sent.forEach(l -> skipped.remove(l.member()));
        server.add(diffIds);
        List<Part> parts = new ArrayList<>();
        for (TarEntries.Member m : archive.members().values()) {
            if (skipped.contains(m.name()) || m.type() == 'x' || m.type() == 'g') {
                continue; // a layer the server has; PAX records (names are written again in ustar form)
            }
            boolean content = m.regular();
            parts.add(new Part(TarHeader.entry(m.name(), content ? m.size() : 0, m.type() == '5' ? 0755 : 0644, 0,
                    m.regular() ? '0' : m.type(), m.isLink() ? m.link() : ""), m.offset(), content ? m.size() : 0));
        }
        return new ThinTarball(archive, List.copyOf(parts), List.copyOf(sent), sharedBytes, serverBytes);
    }

    @Override
    public String name() {
        return archive.file().getFileName().toString();
    }

    @Override
    public long size() {
        return size;
    }

    /** The layers this tarball carries. */
    public List<ImageArchive.Layer> sentLayers() {
        return sent;
    }

    /** Bytes of layers left out because an earlier tarball of the same deploy carries them. */
    public long sharedBytes() {
        return sharedBytes;
    }

    /** Bytes of layers left out because the server has them. */
    public long serverBytes() {
        return serverBytes;
    }

    /** Bytes of the operator's tarball that need not cross the link. */
    public long savedBytes() throws IOException {
        return java.nio.file.Files.size(archive.file()) - size;
    }

    @Override
    public InputStream open(long offset) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        long pos = 0;
        for (Part p : parts) {
            long length = TarHeader.BLOCK + p.size() + TarHeader.padding(p.size());
            if (pos + length > offset) {
                long skip = Math.max(0, offset - pos);
                streams.add(new PartStream(p, skip));
            }
            pos += length;
        }
        byte[] end = TarHeader.end();
        long skipEnd = Math.max(0, offset - pos);
        streams.add(new ByteArrayInputStream(end, (int) Math.min(end.length, skipEnd), end.length));
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** One part from {@code skip} bytes in: header, content read from the file when reached, padding. */
    private final class PartStream extends InputStream {
        private final Part part;
        private long pos;
        private final long length;
        private FileChannel channel;
        private InputStream content;

        PartStream(Part part, long skip) {
            this.part = part;
            this.pos = skip;
            this.length = TarHeader.BLOCK + part.size() + TarHeader.padding(part.size());
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= length) {
                close();
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            if (pos < TarHeader.BLOCK) {
                n = (int) Math.min(len, TarHeader.BLOCK - pos);
                System.arraycopy(part.header(), (int) pos, b, off, n);
            } else if (pos < TarHeader.BLOCK + part.size()) {
                long inContent = pos - TarHeader.BLOCK;
                if (content == null) {
                    channel = FileChannel.open(archive.file(), StandardOpenOption.READ);
                    channel.position(part.offset() + inContent);
                    content = Channels.newInputStream(channel);
                }
                n = content.read(b, off, (int) Math.min(len, part.size() - inContent));
                if (n < 0) {
                    throw new IOException(name() + " changed while it was being sent");
                }
            } else {
                n = (int) Math.min(len, length - pos);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
            }
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
                content = null;
            }
        }
    }
}
