package dev.berth.bundle;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the project's bundles, rendered from its golden answers, is its golden files ({@code golden/ID/}) byte for
 * byte, modes included. Rendering needs no server, so this runs in the unit tier.
 */
class GoldenFilesTest {
    static List<GoldenBundle> bundles() {
        return GoldenBundle.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void rendersAsTheGoldenFiles(GoldenBundle bundle) throws Exception {
        Golden.assertMatches(bundle.id(), bundle.renderGolden());
    }
}
