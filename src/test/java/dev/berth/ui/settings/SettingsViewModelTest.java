package dev.berth.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.bundle.Bundle;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.UiTestModels;
import dev.berth.ui.WizardModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings form as data: defaults, generated secrets, live when, inline problems, repeated groups. */
class SettingsViewModelTest {
    private final WizardModel model = UiTestModels.model(new ScriptedDialogs());
    private final SettingsViewModel vm = new SettingsViewModel(model);

    private SettingsViewModel demo() {
        model.bundleProperty().set(UiTestModels.bundle("demo"));
        vm.enter();
        return vm;
    }

    @Test
    void demoStartsValidWithDefaultsAndAGeneratedToken() {
        demo();
        assertEquals("18080", vm.field("WEB_PORT").textProperty().get());
        assertEquals("Hello from Berth", vm.field("GREETING").textProperty().get());
        String token = vm.field("API_TOKEN").textProperty().get();
        assertTrue(token.matches("[0-9a-f]{32}"), token);
        assertTrue(vm.isValid(), vm.formProblems().toString());
        assertEquals(18080L, model.answers().get("WEB_PORT"));
        assertEquals(token, model.answers().get("API_TOKEN"), "the token shown is the token deployed");
        vm.regenerate(vm.field("API_TOKEN"));
        assertNotEquals(token, vm.field("API_TOKEN").textProperty().get());
    }

    @Test
    void anInvalidPortIsExplainedAndBlocksNext() {
        demo();
        vm.field("WEB_PORT").textProperty().set("80");
        assertFalse(vm.isValid());
        assertNull(model.answers(), "no answers leave the step while one is wrong");
        String why = vm.field("WEB_PORT").errorProperty().get().en();
        assertTrue(why.contains("WEB_PORT") && why.contains("1024"), why);
        assertTrue(vm.field("WEB_PORT").errorProperty().get().zh().contains("1024"));
        vm.field("WEB_PORT").textProperty().set("eighty");
        assertTrue(vm.field("WEB_PORT").errorProperty().get().en().contains("eighty"));
        vm.field("WEB_PORT").textProperty().set("18501");
        assertNull(vm.field("WEB_PORT").errorProperty().get());
        assertTrue(vm.isValid());
        assertEquals(18501L, model.answers().get("WEB_PORT"));
    }

    @Test
    void aTokenOfTheWrongLengthIsExplainedWithoutShowingIt() {
        demo();
        vm.field("API_TOKEN").textProperty().set("short-secret");
        String why = vm.field("API_TOKEN").errorProperty().get().en();
        assertTrue(why.contains("32"), why);
        assertFalse(why.contains("short-secret"), "a secret never appears in a message");
        assertFalse(vm.isValid());
    }

    @Test
    void whenHidesAndShowsFieldsLive() {
        demo();
        assertTrue(vm.field("POLL_INTERVAL").visibleProperty().get());
        vm.field("POLL_INTERVAL").textProperty().set("0");
        assertFalse(vm.isValid(), "a visible bad interval blocks");
        vm.field("WORKER_MODE").textProperty().set("quiet");
        assertFalse(vm.field("POLL_INTERVAL").visibleProperty().get());
        assertFalse(vm.raw().containsKey("POLL_INTERVAL"), "a hidden field is not answered");
        assertTrue(vm.isValid(), "a hidden bad value does not block: " + vm.formProblems());
        vm.field("WORKER_MODE").textProperty().set("poll");
        assertTrue(vm.field("POLL_INTERVAL").visibleProperty().get());
        assertFalse(vm.isValid());
    }

    @Test
    void startsFromGivenAnswers() {
        Bundle demo = UiTestModels.bundle("demo");
        vm.build(demo, Map.of("WEB_PORT", 18555L, "API_TOKEN", "0123456789abcdef0123456789abcdef", "WORKER_MODE", "quiet"));
        assertEquals("18555", vm.field("WEB_PORT").textProperty().get());
        assertEquals("0123456789abcdef0123456789abcdef", vm.field("API_TOKEN").textProperty().get(),
                "a redeploy keeps the deployed secret instead of generating a new one");
        assertFalse(vm.field("POLL_INTERVAL").visibleProperty().get());
    }

    @Test
    void cozeStudioFormIsGroupedWithRepeatedModelsAndChoicesRevealingFields() {
        model.bundleProperty().set(UiTestModels.bundle("coze-studio"));
        vm.enter();
        List<String> titles = vm.sections().stream().map(s -> s.title().en()).toList();
        assertEquals(model.bundle().groups().stream().map(g -> g.label().en()).toList(), titles);
        // Generated secrets are filled in.
        assertFalse(vm.field("MYSQL_ROOT_PASSWORD").textProperty().get().isEmpty());
        assertFalse(vm.field("PLUGIN_AES_AUTH_SECRET").textProperty().get().isEmpty());

        // A choice reveals only the fields it needs.
        assertFalse(vm.field("S3_ENDPOINT").visibleProperty().get());
        vm.field("STORAGE_TYPE").textProperty().set("s3");
        assertTrue(vm.field("S3_ENDPOINT").visibleProperty().get());
        assertTrue(vm.field("S3_ACCESS_KEY").visibleProperty().get());
        assertFalse(vm.field("TOS_ENDPOINT").visibleProperty().get());
        assertTrue(vm.formProblems().stream().anyMatch(p -> p.en().contains("S3_ENDPOINT")), vm.formProblems().toString());
        vm.field("STORAGE_TYPE").textProperty().set("minio");
        assertFalse(vm.field("S3_ENDPOINT").visibleProperty().get());

        // A bool reveals its field; a nested when follows its parent.
        assertFalse(vm.field("OLLAMA_GPU").visibleProperty().get());
        vm.field("OLLAMA_ENABLED").checkedProperty().set(true);
        assertTrue(vm.field("OLLAMA_GPU").visibleProperty().get());

        // The repeated group starts with its minimum of one entry, which must be filled in.
        ListFieldModel models = vm.list("MODELS");
        assertEquals(1, models.entries().size());
        assertFalse(vm.isValid());
        vm.removeEntry(models, models.entries().get(0));
        assertTrue(models.errorProperty().get().en().contains("at least 1"));
        vm.addEntry(models);
        vm.addEntry(models);
        assertEquals(2, models.entries().size());
        assertNull(models.errorProperty().get());
        ListFieldModel.Entry first = models.entries().get(0);
        assertEquals("ark", first.field("PROTOCOL").textProperty().get(), "entry fields start from their defaults");
        first.field("BASE_URL").textProperty().set("not a url");
        assertTrue(first.field("BASE_URL").errorProperty().get().en().contains("http"));
        for (ListFieldModel.Entry e : models.entries()) {
            e.field("OPENCOZE_ID").textProperty().set("100001");
            e.field("NAME").textProperty().set("Doubao");
            e.field("ID").textProperty().set("doubao-pro");
            e.field("BASE_URL").textProperty().set("https://ark.example.com/api/v3");
        }
        vm.field("BUILTIN_CM_ARK_BASE_URL").textProperty().set("https://ark.example.com/api/v3");
        vm.field("BUILTIN_CM_ARK_API_KEY").textProperty().set("ark-key");
        vm.field("BUILTIN_CM_ARK_MODEL").textProperty().set("doubao-pro");
        vm.field("ARK_EMBEDDING_BASE_URL").textProperty().set("https://ark.example.com/api/v3");
        vm.field("ARK_EMBEDDING_MODEL").textProperty().set("doubao-embedding");
        vm.field("ARK_EMBEDDING_API_KEY").textProperty().set("ark-key");
        assertTrue(vm.isValid(), vm.formProblems().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> resolved = (List<Map<String, Object>>) model.answers().get("MODELS");
        assertEquals(2, resolved.size());
        assertEquals(100001L, resolved.get(1).get("OPENCOZE_ID"));
    }
}
