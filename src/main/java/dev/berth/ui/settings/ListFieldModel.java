package dev.berth.ui.settings;

import dev.berth.bundle.Parameter;
import dev.berth.text.Localized;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A repeated group (a {@code list} parameter): entries of fields the operator adds and removes. */
public final class ListFieldModel {
    private final Parameter param;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final BooleanProperty visible = new SimpleBooleanProperty(true);
    private final ObjectProperty<Localized> error = new SimpleObjectProperty<>();

    /** One entry: a field per {@code fields:} item. */
    public record Entry(List<FieldModel> fields) {
        public FieldModel field(String name) {
            return fields.stream().filter(f -> f.param().name().equals(name)).findFirst().orElseThrow();
        }
    }

    ListFieldModel(Parameter param) {
        this.param = param;
    }

    public Parameter param() {
        return param;
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    Entry newEntry(Map<?, ?> values) {
        List<FieldModel> fields = new ArrayList<>();
        for (Parameter f : param.fields()) {
            Object v = values != null && values.containsKey(f.name()) ? values.get(f.name()) : f.defaultValue();
            fields.add(new FieldModel(f, v));
        }
        return new Entry(List.copyOf(fields));
    }

    public boolean canAdd() {
        return param.max() == null || entries.size() < param.max();
    }

    public List<Map<String, Object>> raw() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (FieldModel f : e.fields()) {
                if (f.raw() != null) {
                    m.put(f.param().name(), f.raw());
                }
            }
            out.add(m);
        }
        return out;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public ObjectProperty<Localized> errorProperty() {
        return error;
    }
}
