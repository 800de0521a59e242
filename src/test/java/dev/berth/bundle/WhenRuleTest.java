package dev.berth.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The one rule for {@code when} (docs/bundle-format.md): answers trimmed, an unanswered parameter's default, an
 * unanswered optional bool false, a parameter behind a hidden one hidden, chains and loops; and every caller
 * (answer resolution, rendering, images, checks) judging the same answers the same way.
 */
class WhenRuleTest {
    private static final Builtins BUILTINS = Builtins.of("/opt/w", "r1", "w", "192.0.2.1");
    private final Bundle bundle = load();

    private static Bundle load() {
        try {
            return BundleLoader.load(TestPaths.resource("chained-when"));
        } catch (BundleException e) {
            throw new AssertionError(e.sentence().en(), e);
        }
    }

    private static Map<String, Object> answers(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Set<String> shown(Map<String, Object> raw) {
        Conditions c = Conditions.of(bundle, raw);
        Set<String> out = new TreeSet<>();
        bundle.parameters().stream().filter(c::shown).forEach(p -> out.add(p.name()));
        return out;
    }

    private Set<String> shownAfterResolving(Map<String, Object> raw) throws AnswersException {
        ResolvedAnswers a = AnswersResolver.resolve(bundle, raw);
        Set<String> out = new TreeSet<>();
        bundle.parameters().stream().filter(p -> !a.hidden().contains(p.name())).forEach(p -> out.add(p.name()));
        return out;
    }

    @Test
    void anAnswerIsComparedTrimmed() {
        assertTrue(shown(answers("ADVANCED", " true\n")).contains("TUNING"));
        assertTrue(shown(answers("ADVANCED", "true")).contains("TUNING"));
        assertTrue(shown(answers("ADVANCED", true)).contains("TUNING"));
    }

    @Test
    void anUnansweredParameterCountsWithItsDefault() {
        assertTrue(shown(answers("ADVANCED", true)).contains("DEPTH"), "TUNING defaults to fast");
        assertTrue(shown(answers("ADVANCED", true, "TUNING", "")).contains("DEPTH"), "an empty answer is no answer");
        assertFalse(shown(answers("ADVANCED", true, "TUNING", "safe")).contains("DEPTH"));
    }

    @Test
    void anUnansweredOptionalBoolIsFalse() {
        assertTrue(shown(answers()).contains("LOG_LEVEL"), "QUIET unanswered, no default: false");
        assertFalse(shown(answers("QUIET", true)).contains("LOG_LEVEL"));
    }

    @Test
    void aParameterBehindAHiddenOneIsHidden() {
        Set<String> off = shown(answers());
        assertFalse(off.contains("TUNING"));
        assertFalse(off.contains("DEPTH"), "TUNING's default is fast, but TUNING itself is hidden");
    }

    @Test
    void chainsAndDiamondsAreFollowedAndLoopsAreNeverMet() {
        Set<String> on = shown(answers("ADVANCED", true));
        assertEquals(Set.of("ADVANCED", "TUNING", "DEPTH", "QUIET", "LOG_LEVEL", "CACHE", "SHARDS", "CACHE_SHARDS"),
                on, "CACHE_SHARDS needs CACHE and SHARDS, both behind ADVANCED");
        assertFalse(shown(answers("ADVANCED", true, "SHARDS", false)).contains("CACHE_SHARDS"));
        assertFalse(on.contains("LOOP_A"));
        assertFalse(on.contains("LOOP_B"));
    }

    @Test
    void answerResolutionHidesWhatTheRuleHides() throws AnswersException {
        for (Map<String, Object> raw : List.of(answers("LOG_LEVEL", "info"),
                answers("ADVANCED", "true ", "DEPTH", 3, "LOG_LEVEL", "info", "CACHE_SHARDS", 4),
                answers("ADVANCED", true, "TUNING", "safe", "QUIET", true, "CACHE", false))) {
            assertEquals(shown(raw), shownAfterResolving(raw), raw.toString());
        }
    }

    @Test
    void aRequiredParameterBehindAHiddenOneIsNotAsked() throws AnswersException {
        // DEPTH is required and has no default: hidden behind ADVANCED=false it is not needed.
        ResolvedAnswers a = AnswersResolver.resolve(bundle, answers("LOG_LEVEL", "info"));
        assertTrue(a.hidden().contains("DEPTH"));
    }

    @Test
    void aDiamondOfConditionsStillAsksTheChild() {
        AnswersException e = org.junit.jupiter.api.Assertions.assertThrows(AnswersException.class,
                () -> AnswersResolver.resolve(bundle, answers("ADVANCED", true, "DEPTH", 3, "LOG_LEVEL", "info")));
        assertEquals("CACHE_SHARDS is required.", e.problems().get(0).en());
    }

    @Test
    void anUnansweredOptionalBoolShowsItsFalseBranch() {
        AnswersException e = org.junit.jupiter.api.Assertions.assertThrows(AnswersException.class,
                () -> AnswersResolver.resolve(bundle, answers()));
        assertEquals("LOG_LEVEL is required.", e.problems().get(0).en());
    }

    @Test
    void renderingImagesAndChecksFollowTheSameRule() throws Exception {
        ResolvedAnswers off = AnswersResolver.resolve(bundle, answers("LOG_LEVEL", "info"));
        RenderedRelease r = Renderer.render(bundle, off, BUILTINS);
        assertEquals(List.of("app"), r.stages().stream().map(Stage::name).toList(),
                "TUNING defaults to fast but is hidden: its stage is left out");
        assertEquals(List.of("app"), r.probes().stream().map(Probe::name).toList());
        assertEquals(List.of(), r.endpoints());
        assertEquals(List.of("x/app:1.0"), bundle.imagesFor(off).stream().map(ImageRef::ref).toList());
        ServerChecks.Planned planned = ServerChecks.plan(bundle, off, BUILTINS);
        assertEquals(List.of(), planned.minimums(), "the depth check hangs on the hidden TUNING");
        assertEquals(List.of("logs"), planned.http().stream().map(ServerChecks.HttpCheck::id).toList(),
                "QUIET unanswered is false");

        ResolvedAnswers on = AnswersResolver.resolve(bundle,
                answers("ADVANCED", "true ", "DEPTH", 3, "QUIET", true, "CACHE_SHARDS", 4));
        RenderedRelease r2 = Renderer.render(bundle, on, BUILTINS);
        assertEquals(List.of("app", "tuner"), r2.stages().stream().map(Stage::name).toList());
        assertEquals(List.of("x/app:1.0", "x/tuner:1.0"), bundle.imagesFor(on).stream().map(ImageRef::ref).toList());
        ServerChecks.Planned p2 = ServerChecks.plan(bundle, on, BUILTINS);
        assertEquals(List.of("depth"), p2.minimums().stream().map(ServerChecks.MinimumCheck::id).toList());
        assertEquals(List.of(), p2.http(), "QUIET is on");
    }

    @Test
    void aStepOrCheckConditionIsMetExactlyWhenAParameterWithItWouldBeShown() throws AnswersException {
        Map<String, List<String>> tuningFast = Map.of("TUNING", List.of("fast"));
        for (Map<String, Object> raw : List.of(answers("LOG_LEVEL", "info"),
                answers("ADVANCED", true, "DEPTH", 3, "LOG_LEVEL", "info", "CACHE_SHARDS", 4))) {
            ResolvedAnswers a = AnswersResolver.resolve(bundle, raw);
            assertEquals(shown(raw).contains("DEPTH"), Conditions.of(bundle, raw).met(tuningFast), raw.toString());
            assertEquals(shown(raw).contains("DEPTH"), Conditions.of(bundle, a).met(tuningFast), raw.toString());
        }
    }
}
