package dev.berth.ui;

import dev.berth.text.Localized;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/** Small bindings every view uses: an engine sentence shown in the window's language, an inline problem label. */
public final class Texts {
    private Texts() {}

    public static StringBinding of(I18n i18n, ObservableValue<Localized> sentence) {
        return Bindings.createStringBinding(() -> i18n.t(sentence.getValue()), sentence, i18n.localeProperty());
    }

    /** A red label under a field: shown only while there is a problem. */
    public static Label problemLabel(I18n i18n, ObservableValue<Localized> sentence) {
        Label l = new Label();
        l.getStyleClass().add("problem");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines, never "…"
        l.textProperty().bind(of(i18n, sentence));
        l.visibleProperty().bind(sentence.map(s -> true).orElse(false));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
