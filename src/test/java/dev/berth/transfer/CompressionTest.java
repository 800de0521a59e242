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
import org.junit.jupiter.api.Test;

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
    }

    @Test
    void aSampleTellsTextFromDataThatDoesNotShrink() throws Exception {
        assertTrue(Compression.sample(bytes("t.tar", text(3_000_000))).ratio() < 0.5);
        byte[] noise = new byte[3_000_000];
        new Random(2).nextBytes(noise);
        assertTrue(Compression.sample(bytes("n.tar", noise)).ratio() > 0.95);
    }

    @Test
    void theCompressedFileIsTheSameEachTimeAndGoesOnFromAnyOffset() throws Exception {
        byte[] raw = text(2_500_001);
        GzipSource gz = GzipSource.of(bytes("web.tar", raw));
        byte[] whole = all(gz, 0);
        assertEquals(gz.size(), whole.length);
        assertTrue(whole.length < raw.length / 2, "it shrank: " + whole.length);
        assertArrayEquals(whole, all(GzipSource.of(bytes("web.tar", raw)), 0), "the same bytes from a new run");
        for (long offset : new long[] {1, 10, whole.length / 3, whole.length - 1, whole.length}) {
            assertArrayEquals(Arrays.copyOfRange(whole, (int) offset, whole.length), all(gz, offset), "from " + offset);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(whole))) {
            assertArrayEquals(raw, in.readAllBytes(), "docker load reads back the tarball itself");
        }
        assertEquals("web.tar", gz.name(), "stored under the name docker load is given");
    }
}
