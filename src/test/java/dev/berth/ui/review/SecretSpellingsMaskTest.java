package dev.berth.ui.review;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.PreparedRelease;
import dev.berth.text.DotenvDialect;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A secret full of special characters changes spelling in each format (shell-quoted, .env-quoted per Compose,
 * YAML- and JSON-escaped, '$' doubled for Compose): the Review step masks every spelling, in the shown file and
 * in the diff against the live release. Each piece of the secret is distinctive, so a fragment left by any
 * spelling shows up.
 */
class SecretSpellingsMaskTest {
    static final List<String> PIECES = List.of("Qx7Ab", "Zk9Lq", "Wm3Vc", "Pv4Nd", "Ty2Gh", "Ru5Ej", "Hs8Ok",
            "Ln4Ip", "Jd6Uy", "Fb1Xw", "Cm0Sz");
    static final String SECRET = "Qx7Ab'Zk9Lq\"Wm3Vc\\Pv4Nd$(Ty2Gh)`Ru5Ej`${Hs8Ok}\nLn4Ip&#/, 空 Jd6Uy\\'Fb1Xw"
            + "\u2028Cm0Sz\\";
    static final String PREVIOUS = SECRET.replace("Qx7Ab", "Qx7AbOld");

    @ParameterizedTest
    @EnumSource(DotenvDialect.class)
    void everySpellingIsMaskedInShownFilesAndTheDiff(DotenvDialect dialect) throws Exception {
        Bundle bundle = BundleLoader.load(Path.of(System.getProperty("berth.projectDir", System.getProperty("user.dir")))
                .resolve("src/test/resources/review/secret-spellings"));
        ResolvedAnswers now = AnswersResolver.resolve(bundle, Map.of("SECRET", SECRET, "NOTE", "n1"));
        ResolvedAnswers before = AnswersResolver.resolve(bundle, Map.of("SECRET", PREVIOUS, "NOTE", "n0"));
        RenderedRelease release = render(bundle, now, dialect);
        RenderedRelease live = render(bundle, before, dialect);

        List<String> secrets = SecretMask.secrets(now);
        for (RenderedFile f : release.files()) {
            assertTrue(f.text().contains("Zk9Lq"), f.path() + " holds the secret, so masking is tested");
            assertNoPiece(SecretMask.mask(f.text(), secrets), f.path() + " as the Review step shows it");
        }

        Map<String, String> liveFiles = new LinkedHashMap<>();
        live.files().forEach(f -> liveFiles.put(f.path(), f.text()));
        PreparedRelease prepared = new PreparedRelease(bundle, now, "r2", release, List.of(), null);
        String diff = ReviewViewModel.changes(prepared, liveFiles, List.of(PREVIOUS));
        assertTrue(diff.contains("n0") && diff.contains("n1"), "the diff shows the changed note:\n" + diff);
        assertNoPiece(diff, "the Review diff");
    }

    @org.junit.jupiter.api.Test
    void urlEncodedAndEscapedFormsAreMaskedToo() {
        String url = "https://u:" + java.net.URLEncoder.encode(SECRET, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + "@db.example/";
        String json = "{\"k\": " + dev.berth.text.Quote.json(SECRET) + "}";
        String yaml = "k: " + dev.berth.text.Quote.compose(SECRET);
        String shell = "K=" + dev.berth.text.Quote.shell(SECRET);
        for (String shown : List.of(url, json, yaml, shell)) {
            assertTrue(shown.contains("Zk9Lq"), shown);
            assertNoPiece(SecretMask.mask(shown, List.of(SECRET)), shown);
        }
    }

    private static RenderedRelease render(Bundle bundle, ResolvedAnswers answers, DotenvDialect dialect)
            throws Exception {
        return Renderer.render(bundle, answers, Builtins.of("/opt/spell", "r", "spell", "h"), dialect);
    }

    private static void assertNoPiece(String shown, String where) {
        for (String piece : PIECES) {
            assertFalse(shown.contains(piece), where + " still shows a piece of the secret (" + piece + "):\n" + shown);
        }
    }
}
