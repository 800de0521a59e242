package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Navigation without a screen: Next only on a valid, idle step; Back never during a deploy; Cancel asks. */
class WizardViewModelTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final WizardModel model = UiTestModels.model(dialogs);
    private final List<String> entered = new ArrayList<>();

    private final class Fake extends StepModel {
        private final Step step;
        boolean running;

        Fake(Step step) {
            super(WizardViewModelTest.this.model);
            this.step = step;
        }

        @Override
        public Step step() {
            return step;
        }

        @Override
        public void enter() {
            entered.add(step.name());
        }

        @Override
        public boolean runningOnServer() {
            return running;
        }
    }

    @Test
    void nextNeedsAValidIdleStepAndBackIsBlockedWhileDeploying() {
        Fake stack = new Fake(Step.STACK);
        Fake server = new Fake(Step.SERVER);
        Fake deploy = new Fake(Step.DEPLOY);
        Fake dash = new Fake(Step.DASHBOARD);
        WizardViewModel w = new WizardViewModel(model, List.of(stack, server, deploy, dash));
        w.start();
        assertEquals(Step.STACK, w.current().step());
        assertFalse(w.canNextProperty().get());
        assertFalse(w.canBackProperty().get());
        w.next();
        assertEquals(Step.STACK, w.current().step(), "Next on an invalid step does nothing");
        stack.validProperty().set(true);
        assertTrue(w.canNextProperty().get());
        stack.busyProperty().set(true);
        assertFalse(w.canNextProperty().get(), "not while work runs");
        stack.busyProperty().set(false);
        w.next();
        assertEquals(Step.SERVER, w.current().step());
        assertTrue(w.canBackProperty().get());
        server.validProperty().set(true);
        w.next();
        assertEquals(Step.DEPLOY, w.current().step());
        deploy.running = true;
        deploy.busyProperty().set(true);
        assertFalse(w.canBackProperty().get());
        deploy.running = false;
        deploy.busyProperty().set(false);
        assertTrue(w.canBackProperty().get(), "after a failed deploy the operator may go back");
        deploy.validProperty().set(true);
        assertFalse(w.canBackProperty().get(), "after a successful deploy there is no going back");
        w.next();
        assertEquals(Step.DASHBOARD, w.current().step());
        assertFalse(w.canNextProperty().get(), "the dashboard is the last step");
        assertEquals(List.of("STACK", "SERVER", "DEPLOY", "DASHBOARD"), entered);
        assertEquals(3, w.reachedProperty().get());
    }

    @Test
    void cancelAsksAndWarnsWhenTheServerIsWorking() {
        Fake deploy = new Fake(Step.DEPLOY);
        WizardViewModel w = new WizardViewModel(model, List.of(new Fake(Step.STACK), deploy));
        w.start();
        dialogs.confirmAnswer = false;
        assertFalse(w.cancel());
        assertTrue(dialogs.questions.get(0).contains("Nothing has been changed"), dialogs.questions.toString());
        deploy.running = true;
        dialogs.confirmAnswer = true;
        assertTrue(w.cancel());
        assertTrue(dialogs.questions.get(1).contains("will go on without Berth"), dialogs.questions.toString());
    }

    @Test
    void everyStringExistsInBothLanguages() throws Exception {
        java.util.Properties en = new java.util.Properties();
        java.util.Properties zh = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/dev/berth/ui/messages.properties");
             var b = getClass().getResourceAsStream("/dev/berth/ui/messages_zh_CN.properties")) {
            en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            zh.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(en.keySet(), zh.keySet());
        for (Object k : zh.keySet()) {
            assertFalse(zh.getProperty((String) k).isBlank(), k.toString());
        }
        I18n i18n = new I18n(java.util.Locale.SIMPLIFIED_CHINESE);
        assertEquals("下一步", i18n.get("nav.next"));
        i18n.setLocale(java.util.Locale.US);
        assertEquals("Next", i18n.get("nav.next"));
        assertTrue(i18n.get("server.keyChanged").contains("server's host key"), "apostrophes survive formatting");
    }
}
