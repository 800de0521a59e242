package dev.berth.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.RenderedFile;
import dev.berth.bundle.RenderedRelease;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.ui.UiTestModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Review step shows rendered files with every secret masked, including secrets inside repeated groups. */
class SecretMaskTest {
    @Test
    void renderedDemoFilesShowNoSecret() throws Exception {
        Bundle demo = UiTestModels.bundle("demo");
        String token = "0123456789abcdef0123456789abcdef";
        ResolvedAnswers answers = AnswersResolver.resolve(demo, Map.of("API_TOKEN", token));
        RenderedRelease r = Renderer.render(demo, answers, Builtins.of("/opt/berth/demo", "r1", "demo", "h"));
        List<String> secrets = SecretMask.secrets(answers);
        assertEquals(List.of(token), secrets);
        boolean seen = false;
        for (RenderedFile f : r.files()) {
            seen |= f.text().contains(token);
            assertFalse(SecretMask.mask(f.text(), secrets).contains(token), f.path());
        }
        assertTrue(seen, "the token is in some rendered file, so masking was tested");
    }

    @Test
    void secretsInsideListsAreMaskedLongestFirst() throws Exception {
        Bundle coze = UiTestModels.bundle("coze-studio");
        ResolvedAnswers a = AnswersResolver.resolve(coze, Map.of("MODELS", List.of(
                Map.of("OPENCOZE_ID", 1, "NAME", "n", "ID", "m", "API_KEY", "key-abc", "BASE_URL", "https://x.example"),
                Map.of("OPENCOZE_ID", 2, "NAME", "n2", "ID", "m2", "API_KEY", "key-abc-longer", "BASE_URL", "https://x.example")),
                "BUILTIN_CM_ARK_BASE_URL", "https://x.example", "BUILTIN_CM_ARK_API_KEY", "k", "BUILTIN_CM_ARK_MODEL", "m",
                "ARK_EMBEDDING_BASE_URL", "https://x.example", "ARK_EMBEDDING_MODEL", "e", "ARK_EMBEDDING_API_KEY", "k2"));
        List<String> secrets = SecretMask.secrets(a);
        assertTrue(secrets.contains("key-abc") && secrets.contains("key-abc-longer"));
        assertEquals("A=******** B=********", SecretMask.mask("A=key-abc B=key-abc-longer", secrets));
    }
}
