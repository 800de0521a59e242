package dev.berth.ui;

import dev.berth.profile.BerthHome;
import dev.berth.ssh.SshConnector;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one window over the wizard. Started by {@link BerthLauncher}. */
public final class BerthApp extends Application {
    private FxTaskExecutor executor;
    private Wizard wizard;

    @Override
    public void start(Stage stage) {
        I18n i18n = new I18n(I18n.fromOs());
        executor = new FxTaskExecutor();
        FxDialogService dialogs = new FxDialogService(i18n, getHostServices());
        WizardModel model = new WizardModel(i18n, executor, dialogs, BerthHome.get(), bundlesDir(), new SshConnector());
        wizard = new Wizard(model);
        MainWindow window = wizard.window(stage::close);
        stage.setScene(window.scene());
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> i18n.get("app.title"),
                i18n.localeProperty()));
        stage.setOnCloseRequest(e -> {
            if (!wizard.viewModel().cancel()) {
                e.consume();
            }
        });
        dialogs.setOwner(stage);
        stage.show();
        wizard.viewModel().start();
    }

    @Override
    public void stop() {
        if (wizard != null) {
            wizard.model().close();
        }
        if (executor != null) {
            executor.shutdown();
        }
        Platform.exit();
    }

    /** ./bundles, else the bundles folder installed with Berth (as the CLI looks). */
    static Path bundlesDir() {
        return dev.berth.bundle.BundleCatalog.defaultDir();
    }
}
