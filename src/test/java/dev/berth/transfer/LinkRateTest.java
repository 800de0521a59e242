package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** After the first image the uploads say how fast the link is, so a probe read slow does not compress them all. */
class LinkRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void anUploadFasterThanTheProbeRaisesTheRateAndASlowerOneDoesNotLowerIt() {
        LinkRate link = new LinkRate(133e6);
        link.observed(1700L << 20, 2 * SECOND);
        assertEquals((1700L << 20) / 2.0, link.bytesPerSecond(), 1);
        link.observed(260L << 20, 10 * SECOND); // compressed: the compressor, not the link, set this pace
        assertEquals((1700L << 20) / 2.0, link.bytesPerSecond(), 1);
        assertFalse(Compression.pays(320e6, link.bytesPerSecond(), 0.31), "images after it go raw");
    }

    @Test
    void aShortUploadOrALinkNeverMeasuredSaysNothing() {
        LinkRate link = new LinkRate(12e6);
        link.observed(1 << 20, SECOND / 1000);
        assertEquals(12e6, link.bytesPerSecond(), "a MiB is round trips, not rate");
        LinkRate unmeasured = new LinkRate(0);
        unmeasured.observed(100L << 20, SECOND);
        assertEquals(0, unmeasured.bytesPerSecond(), "not measured stays not measured: nothing compressed");
    }
}
