package dev.berth.ui.settings;

import dev.berth.bundle.AnswerValidator;
import dev.berth.bundle.AnswersException;
import dev.berth.bundle.AnswersResolver;
import dev.berth.bundle.Bundle;
import dev.berth.bundle.Conditions;
import dev.berth.bundle.Group;
import dev.berth.bundle.ParamType;
import dev.berth.bundle.Parameter;
import dev.berth.bundle.ResolvedAnswers;
import dev.berth.deploy.PreviousAnswers;
import dev.berth.text.Localized;
import dev.berth.ui.Step;
import dev.berth.ui.StepModel;
import dev.berth.ui.WizardModel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Step 4: the form generated from the bundle's parameters. Fields show and hide live as their {@code when}
 * conditions change ({@link Conditions}), each explains its own problem ({@link AnswerValidator}), and Next needs
 * the engine's resolver to accept every answer.
 */
public final class SettingsViewModel extends StepModel {
    /** One titled group of fields, in the bundle's order. */
    public record Section(Localized title, List<Object> fields) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObservableList<Section> sections = FXCollections.observableArrayList();
    private final ObservableList<Localized> formProblems = FXCollections.observableArrayList();
    private final Map<String, FieldModel> fields = new LinkedHashMap<>();
    private final Map<String, ListFieldModel> lists = new LinkedHashMap<>();
    private final InvalidationListener onChange = o -> refresh();
    private Bundle built;
    /** The server's answers the form was last given (generated secrets come from them). */
    private Map<String, Object> builtWith = Map.of();
    private boolean refreshing;

    public SettingsViewModel(WizardModel model) {
        super(model);
    }

    @Override
    public Step step() {
        return Step.SETTINGS;
    }

    @Override
    public void enter() {
        Bundle b = model.bundle();
        Map<String, Object> server = model.serverAnswers();
        if (b != null && b != built) {
            builtWith = server;
            build(b, PreviousAnswers.keepGeneratedSecrets(b, model.startingAnswers(), server));
        } else if (b != null && !server.equals(builtWith)) {
            // Checked again (another install dir): its kept secrets replace the generated values in the form.
            builtWith = server;
            for (Parameter p : b.parameters()) {
                FieldModel f = fields.get(p.name());
                if (p.generate() != null && f != null && server.get(p.name()) instanceof String kept) {
                    f.textProperty().set(kept);
                }
            }
        }
    }

    /** Forgets the form so the next visit builds it again from {@link WizardModel#startingAnswers()}. */
    public void reset() {
        built = null;
    }

    /** Builds the form: answers given first, then defaults; secrets with a generator get a fresh value. */
    public void build(Bundle bundle, Map<String, Object> given) {
        built = bundle;
        fields.clear();
        lists.clear();
        Map<String, List<Object>> byGroup = new LinkedHashMap<>();
        for (Group g : bundle.groups()) {
            byGroup.put(g.id(), new ArrayList<>());
        }
        byGroup.put("", new ArrayList<>());
        for (Parameter p : bundle.parameters()) {
            Object start = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
            Object f;
            if (p.type() == ParamType.LIST) {
                ListFieldModel l = new ListFieldModel(p);
                if (start instanceof List<?> entries) {
                    for (Object e : entries) {
                        l.entries().add(l.newEntry(e instanceof Map<?, ?> m ? m : Map.of()));
                    }
                }
                while (p.min() != null && l.entries().size() < p.min()) {
                    l.entries().add(l.newEntry(Map.of()));
                }
                l.entries().forEach(this::listen);
                l.entries().addListener((ListChangeListener<ListFieldModel.Entry>) c -> {
                    while (c.next()) {
                        c.getAddedSubList().forEach(this::listen);
                    }
                    refresh();
                });
                lists.put(p.name(), l);
                f = l;
            } else {
                if (start == null && p.generate() != null) {
                    start = p.generate().value(RANDOM);
                }
                FieldModel m = new FieldModel(p, start);
                m.textProperty().addListener(onChange);
                m.checkedProperty().addListener(onChange);
                fields.put(p.name(), m);
                f = m;
            }
            byGroup.computeIfAbsent(p.group() == null ? "" : p.group(), k -> new ArrayList<>()).add(f);
        }
        List<Section> out = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : byGroup.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Localized title = bundle.groups().stream().filter(g -> g.id().equals(e.getKey())).map(Group::label)
                    .findFirst().orElse(Localized.of("其他", "Other"));
            out.add(new Section(title, List.copyOf(e.getValue())));
        }
        sections.setAll(out);
        refresh();
    }

    private void listen(ListFieldModel.Entry e) {
        for (FieldModel f : e.fields()) {
            f.textProperty().addListener(onChange);
            f.checkedProperty().addListener(onChange);
        }
    }

    /** Re-evaluates visibility, each field's problem and the whole form. */
    void refresh() {
        if (refreshing || built == null) {
            return;
        }
        refreshing = true;
        try {
            Conditions conditions = Conditions.of(built, typed());
            for (Parameter p : built.parameters()) {
                boolean shown = conditions.shown(p);
                if (fields.containsKey(p.name())) {
                    fields.get(p.name()).visibleProperty().set(shown);
                } else {
                    lists.get(p.name()).visibleProperty().set(shown);
                }
            }
            for (FieldModel f : fields.values()) {
                f.errorProperty().set(f.visibleProperty().get()
                        ? first(AnswerValidator.problems(f.param(), f.raw())) : null);
            }
            for (ListFieldModel l : lists.values()) {
                for (ListFieldModel.Entry e : l.entries()) {
                    for (FieldModel f : e.fields()) {
                        f.errorProperty().set(first(AnswerValidator.problems(f.param(), f.raw())));
                    }
                }
                Parameter p = l.param();
                Localized countProblem = null;
                if (l.visibleProperty().get() && p.min() != null && l.entries().size() < p.min()) {
                    countProblem = Localized.of("至少需要 " + p.min() + " 项。", "Add at least " + p.min() + " entries.");
                } else if (p.max() != null && l.entries().size() > p.max()) {
                    countProblem = Localized.of("最多 " + p.max() + " 项。", "At most " + p.max() + " entries.");
                }
                l.errorProperty().set(countProblem);
            }
            try {
                ResolvedAnswers resolved = AnswersResolver.resolve(built, raw());
                formProblems.clear();
                model.answersProperty().set(resolved);
                valid.set(true);
            } catch (AnswersException e) {
                formProblems.setAll(e.problems());
                model.answersProperty().set(null);
                valid.set(false);
            }
        } finally {
            refreshing = false;
        }
    }

    private static Localized first(List<Localized> problems) {
        return problems.isEmpty() ? null : problems.get(0);
    }

    /** Every scalar field's answer as typed, shown or not, for the {@code when} rule. */
    private Map<String, Object> typed() {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.values().forEach(f -> out.put(f.param().name(), f.raw()));
        return out;
    }

    /** The answers as typed, for the resolver: hidden fields and empty ones left out. */
    public Map<String, Object> raw() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldModel f : fields.values()) {
            if (f.visibleProperty().get() && f.raw() != null) {
                out.put(f.param().name(), f.raw());
            }
        }
        for (ListFieldModel l : lists.values()) {
            if (l.visibleProperty().get()) {
                out.put(l.param().name(), l.raw());
            }
        }
        return out;
    }

    public void addEntry(ListFieldModel l) {
        if (l.canAdd()) {
            l.entries().add(l.newEntry(Map.of()));
        }
    }

    public void removeEntry(ListFieldModel l, ListFieldModel.Entry e) {
        l.entries().remove(e);
    }

    /** A new generated value for a secret field. */
    public void regenerate(FieldModel f) {
        if (f.canGenerate()) {
            f.textProperty().set(f.param().generate().value(RANDOM));
        }
    }

    public ObservableList<Section> sections() {
        return sections;
    }

    public ObservableList<Localized> formProblems() {
        return formProblems;
    }

    public FieldModel field(String name) {
        return fields.get(name);
    }

    public ListFieldModel list(String name) {
        return lists.get(name);
    }
}
