package dev.berth.ui.settings;

import dev.berth.bundle.Choice;
import dev.berth.bundle.ParamType;
import dev.berth.bundle.Parameter;
import dev.berth.text.Localized;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Texts;
import dev.berth.ui.Views;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.ToggleSwitch;

/** Step 4's view: a typed control per parameter, grouped, each with its help and its own problem line. */
public final class SettingsView implements StepView {
    private final SettingsViewModel vm;
    private final I18n i18n;
    private final Parent root;
    @FXML private Label heading;
    @FXML private VBox form;
    @FXML private VBox problems;

    public SettingsView(SettingsViewModel vm, I18n i18n, String bundleName) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(SettingsView.class, "settings.fxml", this, i18n);
        heading.setText(i18n.get("settings.heading", bundleName));
    }

    @FXML
    private void initialize() {
        for (SettingsViewModel.Section s : vm.sections()) {
            Label title = new Label(i18n.t(s.title()));
            title.getStyleClass().add("section-title");
            form.getChildren().add(title);
            for (Object f : s.fields()) {
                form.getChildren().add(f instanceof FieldModel m ? field(m, "field-" + m.param().name()) : list((ListFieldModel) f));
            }
        }
        Runnable fill = () -> {
            problems.getChildren().clear();
            if (!vm.formProblems().isEmpty()) {
                Label h = new Label(i18n.get("settings.problems"));
                h.getStyleClass().add("problem");
                problems.getChildren().add(h);
                for (Localized p : vm.formProblems()) {
                    Label l = new Label("• " + i18n.t(p));
                    l.getStyleClass().add("problem");
                    l.setWrapText(true);
                    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines, never "…"
                    problems.getChildren().add(l);
                }
            }
        };
        vm.formProblems().addListener((ListChangeListener<Localized>) c -> fill.run());
        fill.run();
    }

    private String label(Parameter p) {
        return (p.label() == null ? p.name() : i18n.t(p.label())) + (p.required() && p.defaultValue() == null
                && p.generate() == null ? " *" : "");
    }

    private Node field(FieldModel m, String id) {
        Parameter p = m.param();
        Label label = new Label(label(p));
        label.getStyleClass().add("field-label");
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines, never "…"
        Node control = control(m, id);
        label.setLabelFor(control);
        HBox.setHgrow(control, Priority.ALWAYS);
        HBox row = new HBox(10, label, control);
        VBox box = new VBox(2, row);
        if (p.help() != null) {
            Label help = new Label(i18n.t(p.help()));
            help.getStyleClass().add("help");
            help.setWrapText(true);
            help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines, never "…"
            help.getStyleClass().add("field-help"); // indented under the control, past the label column
            box.getChildren().add(help);
        }
        Label problem = Texts.problemLabel(i18n, m.errorProperty());
        problem.setId(id + "-problem");
        problem.setPadding(new javafx.geometry.Insets(0, 0, 0, 230));
        box.getChildren().add(problem);
        box.visibleProperty().bind(m.visibleProperty());
        box.managedProperty().bind(m.visibleProperty());
        box.setId(id + "-box");
        return box;
    }

    private Node control(FieldModel m, String id) {
        Parameter p = m.param();
        switch (p.type()) {
            case BOOL -> {
                ToggleSwitch sw = new ToggleSwitch();
                sw.setId(id);
                sw.selectedProperty().bindBidirectional(m.checkedProperty());
                return sw;
            }
            case CHOICE -> {
                ComboBox<Choice> box = new ComboBox<>();
                box.setId(id);
                box.getItems().setAll(p.choices());
                box.setConverter(new StringConverter<>() {
                    @Override
                    public String toString(Choice c) {
                        return c == null ? "" : c.label() == null ? c.value() : i18n.t(c.label());
                    }

                    @Override
                    public Choice fromString(String s) {
                        return null;
                    }
                });
                Runnable pick = () -> box.setValue(p.choices().stream().filter(c -> c.value().equals(m.textProperty().get()))
                        .findFirst().orElse(null));
                pick.run();
                m.textProperty().addListener(o -> pick.run());
                box.valueProperty().addListener((o, a, c) -> m.textProperty().set(c == null ? "" : c.value()));
                return box;
            }
            case INT, PORT -> {
                long lo = p.min() != null ? p.min() : p.type() == ParamType.PORT ? 1 : Integer.MIN_VALUE;
                long hi = p.max() != null ? p.max() : p.type() == ParamType.PORT ? 65535 : Integer.MAX_VALUE;
                Spinner<Integer> spinner = new Spinner<>();
                spinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory((int) Math.max(lo, Integer.MIN_VALUE),
                        (int) Math.min(hi, Integer.MAX_VALUE)));
                try {
                    spinner.getValueFactory().setValue(Integer.parseInt(m.textProperty().get().trim()));
                } catch (NumberFormatException e) {
                    // Left at the minimum; the text keeps what was typed and its problem line explains it.
                }
                spinner.setEditable(true);
                spinner.setId(id);
                spinner.getStyleClass().add("port-spinner");
                spinner.getEditor().setText(m.textProperty().get());
                spinner.getEditor().textProperty().bindBidirectional(m.textProperty());
                spinner.valueProperty().addListener((o, a, v) -> {
                    if (v != null && !String.valueOf(v).equals(m.textProperty().get())) {
                        m.textProperty().set(String.valueOf(v));
                    }
                });
                HBox box = new HBox(spinner);
                return box;
            }
            case SECRET -> {
                PasswordField hidden = new PasswordField();
                TextField shown = new TextField();
                hidden.setId(id);
                shown.setId(id + "-shown");
                hidden.textProperty().bindBidirectional(m.textProperty());
                shown.textProperty().bindBidirectional(m.textProperty());
                ToggleButton show = new ToggleButton(i18n.get("settings.show"));
                show.setId(id + "-show");
                shown.visibleProperty().bind(show.selectedProperty());
                hidden.visibleProperty().bind(show.selectedProperty().not());
                StackPane both = new StackPane(hidden, shown);
                HBox.setHgrow(both, Priority.ALWAYS);
                HBox box = new HBox(6, both, show);
                if (m.canGenerate()) {
                    Button gen = new Button(i18n.get("settings.generate"));
                    gen.setId(id + "-generate");
                    gen.setOnAction(e -> vm.regenerate(m));
                    box.getChildren().add(gen);
                }
                return box;
            }
            default -> {
                TextField t = new TextField();
                t.setId(id);
                t.textProperty().bindBidirectional(m.textProperty());
                if (p.type() == ParamType.URL) {
                    t.setPromptText("https://");
                }
                return t;
            }
        }
    }

    private Node list(ListFieldModel l) {
        Parameter p = l.param();
        VBox box = new VBox(6);
        box.setId("field-" + p.name() + "-box");
        Label title = new Label(label(p));
        title.getStyleClass().add("subheading");
        box.getChildren().add(title);
        if (p.help() != null) {
            Label help = new Label(i18n.t(p.help()));
            help.getStyleClass().add("help");
            help.setWrapText(true);
            help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines, never "…"
            box.getChildren().add(help);
        }
        VBox entries = new VBox(8);
        Button add = new Button(i18n.get("settings.add"));
        add.setId("field-" + p.name() + "-add");
        add.setOnAction(e -> vm.addEntry(l));
        add.disableProperty().bind(Bindings.createBooleanBinding(() -> !l.canAdd(), l.entries()));
        Runnable fill = () -> {
            entries.getChildren().clear();
            for (int i = 0; i < l.entries().size(); i++) {
                ListFieldModel.Entry e = l.entries().get(i);
                VBox card = new VBox(4);
                card.getStyleClass().add("card");
                Button remove = new Button(i18n.get("settings.remove"));
                remove.setId("field-" + p.name() + "-" + i + "-remove");
                remove.setOnAction(a -> vm.removeEntry(l, e));
                Label n = new Label(i18n.get("settings.entry", i + 1));
                n.getStyleClass().add("subheading");
                javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                card.getChildren().add(new HBox(8, n, gap, remove));
                for (FieldModel f : e.fields()) {
                    card.getChildren().add(field(f, "field-" + p.name() + "-" + i + "-" + f.param().name()));
                }
                entries.getChildren().add(card);
            }
        };
        l.entries().addListener((ListChangeListener<ListFieldModel.Entry>) c -> fill.run());
        fill.run();
        box.getChildren().addAll(entries, add, Texts.problemLabel(i18n, l.errorProperty()));
        box.visibleProperty().bind(l.visibleProperty());
        box.managedProperty().bind(l.visibleProperty());
        return box;
    }

    @Override
    public Parent root() {
        return root;
    }
}
