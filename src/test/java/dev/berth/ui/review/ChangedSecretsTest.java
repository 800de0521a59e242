package dev.berth.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.PreparedRelease;
import dev.berth.ui.I18n;
import dev.berth.ui.UiTestModels;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Masked file diffs cannot show that a secret changed; the Review step lists each secret whose value differs from the
 * one the server has on record, masked, in both languages.
 */
class ChangedSecretsTest {
    private static final String OLD = "0123456789abcdef0123456789abcdef";
    private static final String NEW = "fedcba9876543210fedcba9876543210";

    private static PreparedRelease release(String token) throws Exception {
        Bundle demo = UiTestModels.bundle("demo");
        ResolvedAnswers answers = AnswersResolver.resolve(demo, Map.of("API_TOKEN", token, "GREETING", "x"));
        return new PreparedRelease(demo, answers, "r2", Renderer.render(demo, answers,
                Builtins.of("/opt/berth/demo", "r2", "demo", "h")), List.of(), null);
    }

    @Test
    void aChangedSecretIsMarkedWithoutItsValue() throws Exception {
        I18n en = new I18n(Locale.ENGLISH);
        String marked = ReviewViewModel.changedSecrets(release(NEW), Map.of("API_TOKEN", OLD, "GREETING", "y"),
                name -> en.get("review.secretChanged", name));
        assertEquals("API_TOKEN: •••• (changed)\n", marked, "only secrets are listed here; the files show the rest");
        assertFalse(marked.contains(OLD) || marked.contains(NEW));
        I18n zh = new I18n(Locale.SIMPLIFIED_CHINESE);
        assertTrue(ReviewViewModel.changedSecrets(release(NEW), Map.of("API_TOKEN", OLD),
                name -> zh.get("review.secretChanged", name)).contains("已更改"));
    }

    @Test
    void anUnchangedOrFirstSecretIsNotMarked() throws Exception {
        assertEquals("", ReviewViewModel.changedSecrets(release(OLD), Map.of("API_TOKEN", OLD), n -> n));
        assertEquals("", ReviewViewModel.changedSecrets(release(OLD), Map.of(), n -> n));
    }
}
