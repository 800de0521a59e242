package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import com.github.luben.zstd.ZstdInputStream;
import dev.berth.target.Facts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compressed in flight only when that is faster, and then the same bytes every time so an upload can go on. */
class CompressionTest {
    private static UploadSource bytes(String name, byte[] data) {
        return new UploadSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return data.length;
            }

            @Override
            public InputStream open(long offset) {
                return new ByteArrayInputStream(data, (int) offset, data.length - (int) offset);
            }
        };
    }

    private static byte[] text(int n) {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(1);
        while (sb.length() < n) {
            sb.append("service ").append(r.nextInt(1000)).append(" answered request ").append(r.nextInt(99)).append('\n');
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), n);
    }

    private static byte[] all(UploadSource s, long offset) throws Exception {
        try (InputStream in = s.open(offset)) {
            return in.readAllBytes();
        }
    }

    @Test
    void compressingPaysOnlyWhenTheCompressorOutrunsTheLinkAndTheDataShrinks() {
        double vpn = 12.5e6;      // 100 Mbit/s
        double loopback = 400e6;
        assertTrue(Compression.pays(150e6, vpn, 0.35), "text over a VPN");
        assertFalse(Compression.pays(150e6, loopback, 0.35), "loopback is faster than gzip");
        assertFalse(Compression.pays(150e6, vpn, 0.99), "a layer compressed already");
        assertFalse(Compression.pays(14e6, vpn, 0.35), "a near tie goes raw");
        double lan = 117e6;       // 1 Gbit/s
        assertTrue(Compression.pays(320e6, lan, 0.31), "zstd outruns a gigabit LAN, even compressing twice");
        assertFalse(Compression.pays(125e6, lan, 0.35), "gzip does not: it compresses once to learn the length");
        assertFalse(Compression.pays(320e6, 500e6, 0.31), "loopback");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aSampleTellsTextFromDataThatDoesNotShrink(Codec codec) throws Exception {
        assertTrue(Compression.sample(bytes("t.tar", text(3_000_000)), codec).ratio() < 0.5);
        byte[] noise = new byte[3_000_000];
        new Random(2).nextBytes(noise);
        assertTrue(Compression.sample(bytes("n.tar", noise), codec).ratio() > 0.95);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void theCompressedFileIsTheSameEachTimeAndGoesOnFromAnyOffset(Codec codec) throws Exception {
        byte[] raw = text(2_500_001);
        CompressedSource z = CompressedSource.of(bytes("web.tar", raw), codec);
        byte[] whole = all(z, 0);
        assertEquals(z.size(), whole.length);
        assertTrue(whole.length < raw.length / 2, "it shrank: " + whole.length);
        assertArrayEquals(whole, all(CompressedSource.of(bytes("web.tar", raw), codec), 0), "the same bytes from a new run");
        assertArrayEquals(whole, all(CompressedSource.of(choppy("web.tar", raw), codec), 0),
                "the same bytes however the tarball is read (a thin tarball is read in pieces of many sizes)");
        for (long offset : new long[] {1, 10, whole.length / 3, whole.length - 1, whole.length}) {
            assertArrayEquals(Arrays.copyOfRange(whole, (int) offset, whole.length), all(z, offset), "from " + offset);
        }
        try (InputStream in = codec == Codec.GZIP ? new GZIPInputStream(new ByteArrayInputStream(whole))
                : new ZstdInputStream(new ByteArrayInputStream(whole))) {
            assertArrayEquals(raw, in.readAllBytes(), "the server gets the tarball back");
        }
        assertEquals("web.tar", z.name(), "stored under the name the deploy job loads");
    }

    @Test
    void zstdGoesOnlyToAServerThatCanUndoIt() {
        assertTrue(Codec.zstdWorksHere(), "zstd-jni's native code loads on this OS");
        assertEquals(Codec.ZSTD, Codec.forServer(new Facts.Tools(Map.of("zstd", true, "gzip", true))));
        assertEquals(Codec.GZIP, Codec.forServer(new Facts.Tools(Map.of("zstd", false, "gzip", true))),
                "docker load reads gzip itself; zstd needs the server's zstd");
        assertEquals(Codec.GZIP, Codec.forServer(null), "a server not probed");
    }

    /** The bytes handed out in reads of 1 to 70 000 bytes, as a tarball built on the fly gives them. */
    private static UploadSource choppy(String name, byte[] data) {
        UploadSource whole = bytes(name, data);
        return new UploadSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return data.length;
            }

            @Override
            public InputStream open(long offset) throws java.io.IOException {
                Random r = new Random(offset + 5);
                return new java.io.FilterInputStream(whole.open(offset)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws java.io.IOException {
                        return super.read(b, off, Math.min(len, 1 + r.nextInt(70_000)));
                    }
                };
            }
        };
    }
}
