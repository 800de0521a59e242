package dev.berth.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Builtins;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import dev.berth.bundle.Renderer;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.bundle.Stage;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The form shows exactly the fields the engine asks for, and the stages rendered agree (one {@code when} rule). */
class SettingsWhenTest {
    private final WizardModel model = UiTestModels.model(new ScriptedDialogs());
    private final SettingsViewModel vm = new SettingsViewModel(model);

    private static Bundle chained() throws Exception {
        return BundleLoader.load(Path.of(System.getProperty("berth.projectDir", "."),
                "src/test/resources/chained-when"));
    }

    private Set<String> visible(Bundle b) {
        Set<String> out = new TreeSet<>();
        b.parameters().stream().filter(p -> vm.field(p.name()).visibleProperty().get()).forEach(p -> out.add(p.name()));
        return out;
    }

    private Set<String> askedByTheEngine(Bundle b) throws Exception {
        ResolvedAnswers a = AnswersResolver.resolve(b, vm.raw());
        Set<String> out = new TreeSet<>();
        b.parameters().stream().filter(p -> !a.hidden().contains(p.name())).forEach(p -> out.add(p.name()));
        return out;
    }

    private List<String> stages(Bundle b) throws Exception {
        return Renderer.render(b, model.answers(), Builtins.of("/opt/w", "r1", "w", "192.0.2.1")).stages().stream()
                .map(Stage::name).toList();
    }

    @Test
    void theFormAndTheEngineAgreeOnEveryChain() throws Exception {
        Bundle b = chained();
        model.bundleProperty().set(b);
        vm.enter();
        vm.field("LOG_LEVEL").textProperty().set("info");
        assertEquals(Set.of("ADVANCED", "QUIET", "LOG_LEVEL"), visible(b));
        assertEquals(visible(b), askedByTheEngine(b));
        assertTrue(vm.isValid(), vm.formProblems().toString());
        assertEquals(List.of("app"), stages(b), "TUNING is hidden, so the stage that hangs on it is left out");

        vm.field("ADVANCED").checkedProperty().set(true);
        vm.field("DEPTH").textProperty().set("3");
        vm.field("CACHE_SHARDS").textProperty().set("4");
        assertEquals(Set.of("ADVANCED", "TUNING", "DEPTH", "QUIET", "LOG_LEVEL", "CACHE", "SHARDS", "CACHE_SHARDS"),
                visible(b), "CACHE_SHARDS hangs on CACHE and SHARDS, both shown");
        assertEquals(visible(b), askedByTheEngine(b));
        assertTrue(vm.isValid(), vm.formProblems().toString());
        assertEquals(List.of("app", "tuner"), stages(b));

        vm.field("TUNING").textProperty().set("safe");
        vm.field("QUIET").checkedProperty().set(true);
        assertEquals(Set.of("ADVANCED", "TUNING", "QUIET", "CACHE", "SHARDS", "CACHE_SHARDS"), visible(b));
        assertEquals(visible(b), askedByTheEngine(b));
        assertEquals(List.of("app"), stages(b));
    }
}
