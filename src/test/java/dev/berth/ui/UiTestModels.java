package dev.berth.ui;

import dev.berth.bundle.Bundle;
import dev.berth.bundle.BundleLoader;
import java.nio.file.Path;
import java.util.Locale;

/** Wizard models for view-model tests: everything runs on the calling thread, dialogs are scripted. */
public final class UiTestModels {
    private UiTestModels() {}

    public static Path bundles() {
        return Path.of(System.getProperty("berth.projectDir", "."), "bundles");
    }

    public static Bundle bundle(String id) {
        try {
            return BundleLoader.load(bundles().resolve(id));
        } catch (dev.berth.bundle.BundleException e) {
            throw new AssertionError(e.sentence().en(), e);
        }
    }

    /**
     * A wizard model whose every connection is {@code shell} (a scripted one): steps run their real logic against
     * recorded answers, for {@code target}.
     */
    public static WizardModel model(ScriptedDialogs dialogs, dev.berth.ssh.RemoteShell shell,
                                    dev.berth.ssh.TargetSpec target) {
        WizardModel model = new WizardModel(new I18n(Locale.ENGLISH), TaskExecutor.direct(), dialogs,
                dev.berth.testsupport.TestTarget.tempDir("berth-ui-home"), bundles(),
                (spec, creds, store, decision, timeout) -> shell);
        model.targetProperty().set(target);
        return model;
    }

    public static WizardModel model(ScriptedDialogs dialogs) {
        return new WizardModel(new I18n(Locale.ENGLISH), TaskExecutor.direct(), dialogs,
                dev.berth.testsupport.TestTarget.tempDir("berth-ui-home"), bundles(),
                dev.berth.testsupport.TestTarget.isolatedConnector());
    }
}
