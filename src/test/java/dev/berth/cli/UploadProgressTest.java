package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.deploy.UploadTick;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The CLI's upload lines: this image and, when there are several, all of them with the time left. */
class UploadProgressTest {
    private static List<String> lines(Locale locale, UploadTick... ticks) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Output out = new Output(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), locale, false);
        UploadProgress p = new UploadProgress(out);
        for (UploadTick t : ticks) {
            p.update(t);
        }
        p.finish();
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aLineEachQuarterWithWhatIsLeftOfTheWholeUpload() {
        List<String> en = lines(Locale.ENGLISH,
                new UploadTick("web.tar", 0, 100_000_000, 50_000_000, 250_000_000, 0),
                new UploadTick("web.tar", 30_000_000, 100_000_000, 80_000_000, 250_000_000, 2_000_000),
                new UploadTick("web.tar", 31_000_000, 100_000_000, 81_000_000, 250_000_000, 2_000_000));
        assertEquals(List.of(
                "web.tar [                              ]   0%  0 MB/100 MB  0.0 MB/s  ETA ?  all 50 MB/250 MB, - left",
                "web.tar [#########                     ]  30%  30 MB/100 MB  2.0 MB/s  ETA 35s  all 80 MB/250 MB, 1:25 left"),
                en);
        assertEquals("web.tar [#########                     ]  30%  30 MB/100 MB  2.0 MB/s  ETA 35s  全部 80 MB/250 MB，剩余 1:25",
                lines(Locale.SIMPLIFIED_CHINESE, new UploadTick("web.tar", 30_000_000, 100_000_000, 80_000_000,
                        250_000_000, 2_000_000)).get(0));
    }

    @Test
    void oneImageAloneHasNoTotal() {
        assertEquals(List.of("web.tar [##############################] 100%  5 MB/5 MB  1.0 MB/s  ETA 0s"),
                lines(Locale.ENGLISH, new UploadTick("web.tar", 5_000_000, 5_000_000, 5_000_000, 5_000_000, 1_000_000)));
    }

    @Test
    void theClockReadsAsAnOperatorWouldSayIt() {
        assertEquals("-", UploadTick.clock(-1));
        assertEquals("0:59", UploadTick.clock(59));
        assertEquals("1:02:03", UploadTick.clock(3723));
    }
}
