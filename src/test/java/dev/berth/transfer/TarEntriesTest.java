package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testsupport.TestTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tar reader on crafted headers: a damaged or hostile tarball in the operator's folder is refused at once, never
 * read forever or into memory. Each test has a timeout so a reader that loops fails instead of hanging the build.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TarEntriesTest {
    private static final byte[] MANIFEST = "[{\"Config\":\"x.json\"}]".getBytes(StandardCharsets.UTF_8);

    /** One ustar header with a correct checksum; {@code sizeField} is written as it is (12 bytes). */
    static byte[] header(String name, byte[] sizeField, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        System.arraycopy(sizeField, 0, h, 124, 12);
        put(h, 136, "00000000000\0");
        h[156] = (byte) type;
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    static byte[] octal(long size) {
        return String.format("%011o\0", size).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] text(String s) {
        byte[] f = new byte[12];
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, f, 0, b.length);
        return f;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static Path tar(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
            int pad = (512 - p.length % 512) % 512;
            out.write(new byte[pad]);
        }
        out.write(new byte[1024]);
        return Files.write(TestTarget.tempDir("tar").resolve("image.tar"), out.toByteArray());
    }

    private static String refused(Path file) {
        IOException e = assertThrows(IOException.class, () -> TarEntries.read(file, "manifest.json"));
        return e.getMessage();
    }

    @Test
    void aWellFormedMemberIsFoundBehindOthers() throws Exception {
        byte[] layer = new byte[5000];
        Path t = tar(header("abc/layer.tar", octal(layer.length), '0'), layer,
                header("manifest.json", octal(MANIFEST.length), '0'), MANIFEST);
        assertArrayEquals(MANIFEST, TarEntries.read(t, "manifest.json").orElseThrow());
    }

    @Test
    void aNegativeOctalSizeIsRefusedInsteadOfLoopingForever() throws Exception {
        Path t = tar(header("layer.tar", text("-2000"), '0'), header("manifest.json", octal(MANIFEST.length), '0'),
                MANIFEST);
        assertTrue(refused(t).contains("size"), refused(t));
    }

    @Test
    void aNegativeBase256SizeIsRefused() throws Exception {
        byte[] f = new byte[12];
        Arrays.fill(f, (byte) 0xff); // GNU base-256 for -1
        assertTrue(refused(tar(header("layer.tar", f, '0'))).contains("size"));
    }

    @Test
    void aBase256SizePastTheEndOfTheFileIsRefused() throws Exception {
        byte[] f = new byte[12];
        f[0] = (byte) 0x80;
        f[4] = 0x7f; // 0x7f << 56: far beyond the file, and beyond what a long holds when added to the position
        assertTrue(refused(tar(header("layer.tar", f, '0'))).contains("past the end"));
        byte[] huge = new byte[12];
        Arrays.fill(huge, (byte) 0xff);
        huge[0] = (byte) 0x80; // 88 bits of ones: more than a long
        assertTrue(refused(tar(header("layer.tar", huge, '0'))).contains("size"));
    }

    @Test
    void anOctalSizePastTheEndOfTheFileIsRefused() throws Exception {
        Path t = tar(header("layer.tar", octal(1L << 33), '0'), new byte[512]);
        assertTrue(refused(t).contains("past the end"), refused(t));
    }

    @Test
    void garbageInTheSizeFieldIsRefused() throws Exception {
        assertTrue(refused(tar(header("layer.tar", text("12z4"), '0'))).contains("size"));
        assertTrue(refused(tar(header("layer.tar", text("+777"), '0'))).contains("size"));
    }

    @Test
    void aHugeLongNameIsRefusedWithoutAllocatingIt() throws Exception {
        Path t = tar(header("././@LongLink", octal(1L << 30), 'L'));
        assertTrue(refused(t).contains("past the end") || refused(t).contains("large"), refused(t));
    }

    @Test
    void aFileThatIsNotATarIsRefused() throws Exception {
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Path t = Files.write(TestTarget.tempDir("tar").resolve("noise.tar"), noise);
        assertTrue(refused(t).contains("not a tar"), refused(t));
    }
}
