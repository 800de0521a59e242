package dev.berth.ui;

import javafx.scene.Parent;

/** The view of one step: built from FXML, bound to its view model, rebuilt when the language changes. */
public interface StepView {
    Parent root();

    /** Called when the step leaves the screen (stops timers). */
    default void hidden() {}
}
