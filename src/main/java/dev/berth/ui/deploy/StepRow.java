package dev.berth.ui.deploy;

import dev.berth.text.Localized;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One step of the deploy plan as the Deploy step lists it: waiting, running, done (with its time) or failed. */
public final class StepRow {
    public enum State { WAITING, RUNNING, DONE, FAILED }

    private final String id;
    private final Localized label;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.WAITING);
    private final LongProperty millis = new SimpleLongProperty(-1);

    public StepRow(String id, Localized label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public Localized label() {
        return label;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public State state() {
        return state.get();
    }

    public LongProperty millisProperty() {
        return millis;
    }
}
