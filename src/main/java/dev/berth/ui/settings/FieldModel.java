package dev.berth.ui.settings;

import dev.berth.bundle.ParamType;
import dev.berth.bundle.Parameter;
import dev.berth.text.Localized;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One scalar field of the form: its text (or check state for bool), visibility and inline problem. */
public final class FieldModel {
    private final Parameter param;
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty checked = new SimpleBooleanProperty(false);
    private final BooleanProperty visible = new SimpleBooleanProperty(true);
    private final ObjectProperty<Localized> error = new SimpleObjectProperty<>();

    FieldModel(Parameter param, Object initial) {
        this.param = param;
        set(initial);
    }

    void set(Object value) {
        if (param.type() == ParamType.BOOL) {
            checked.set(value instanceof Boolean b ? b : "true".equals(String.valueOf(value)));
        } else {
            text.set(value == null ? "" : String.valueOf(value));
        }
    }

    public Parameter param() {
        return param;
    }

    /** The answer as the resolver takes it; null when left empty (then the default or generator applies). */
    public Object raw() {
        if (param.type() == ParamType.BOOL) {
            return checked.get();
        }
        String s = text.get();
        if (s == null || s.isEmpty()) {
            return null;
        }
        return param.type() == ParamType.INT || param.type() == ParamType.PORT ? s.trim() : s;
    }

    public StringProperty textProperty() {
        return text;
    }

    public BooleanProperty checkedProperty() {
        return checked;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public ObjectProperty<Localized> errorProperty() {
        return error;
    }

    public boolean canGenerate() {
        return param.generate() != null;
    }
}
