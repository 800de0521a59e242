package dev.berth.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a step's FXML with its controller instance and the window's strings. */
public final class Views {
    private Views() {}

    public static Parent load(Class<?> owner, String fxml, Object controller, I18n i18n) {
        FXMLLoader loader = new FXMLLoader(owner.getResource(fxml), i18n.bundle());
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + fxml, e);
        }
    }
}
