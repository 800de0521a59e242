package dev.berth.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.MaskerPane;

/**
 * The one window: step list on the side, the current step in the middle, Back / Next / Cancel below, and the
 * language switch on top. Switching language rebuilds the views; the view models keep every answer.
 */
public final class MainWindow {
    private final WizardViewModel wizard;
    private final Function<StepModel, StepView> viewFactory;
    private final Runnable close;
    private final Scene scene;
    private StepView shown;

    @FXML private Label title;
    @FXML private ComboBox<Locale> language;
    @FXML private VBox stepList;
    @FXML private ScrollPane scroll;
    @FXML private StackPane content;
    @FXML private MaskerPane masker;
    @FXML private Label problem;
    @FXML private Button back;
    @FXML private Button next;
    @FXML private Button cancel;

    public MainWindow(WizardViewModel wizard, Function<StepModel, StepView> viewFactory, Runnable close) {
        this.wizard = wizard;
        this.viewFactory = viewFactory;
        this.close = close;
        this.scene = new Scene(build(), 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("berth.css").toExternalForm());
        wizard.model().i18n().localeProperty().addListener((o, a, b) -> scene.setRoot(build()));
        wizard.currentProperty().addListener((o, a, b) -> showStep());
        // The same keys in both languages (the labels change, the hands do not); Esc is Cancel's cancelButton.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.ALT_DOWN), () -> next.fire());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.B, KeyCombination.ALT_DOWN), () -> back.fire());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.C, KeyCombination.ALT_DOWN), () -> cancel.fire());
        // Lists and tables swallow Esc before the cancel button sees it; an open drop-down still closes first.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !(scene.getFocusOwner() instanceof ComboBoxBase<?> c && c.isShowing())) {
                e.consume();
                cancel.fire();
            }
        });
    }

    public Scene scene() {
        return scene;
    }

    private I18n i18n() {
        return wizard.model().i18n();
    }

    private Parent build() {
        Parent root = Views.load(MainWindow.class, "main.fxml", this, i18n());
        showStep();
        return root;
    }

    @FXML
    private void initialize() {
        language.getItems().setAll(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(Locale l) {
                return l == null ? "" : "zh".equals(l.getLanguage()) ? "中文" : "English";
            }

            @Override
            public Locale fromString(String s) {
                return null;
            }
        });
        language.setValue(i18n().locale());
        language.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(i18n().locale())) {
                i18n().setLocale(b);
            }
        });
        back.disableProperty().bind(wizard.canBackProperty().not());
        next.disableProperty().bind(wizard.canNextProperty().not());
        next.textProperty().bind(Bindings.createStringBinding(() -> {
            StepModel s = wizard.current();
            return s != null && s.step() == Step.REVIEW ? i18n().get("nav.deploy") : i18n().get("nav.next");
        }, wizard.currentProperty()));
        cancel.textProperty().bind(Bindings.createStringBinding(() -> {
            StepModel s = wizard.current();
            return i18n().get(s != null && s.step() == Step.DASHBOARD ? "nav.close" : "nav.cancel");
        }, wizard.currentProperty()));
        back.setTooltip(new Tooltip(i18n().get("nav.back.key")));
        next.setTooltip(new Tooltip(i18n().get("nav.next.key")));
        cancel.setTooltip(new Tooltip(i18n().get("nav.cancel.key")));
        wizard.indexProperty().addListener(o -> fillStepList());
        fillStepList();
    }

    private void fillStepList() {
        stepList.getChildren().clear();
        int current = wizard.indexProperty().get();
        List<StepModel> steps = wizard.steps();
        for (int i = 0; i < steps.size(); i++) {
            String mark = i < current ? "✓ " : i == current ? "▶ " : "○ ";
            Label l = new Label(mark + (i + 1) + ". " + i18n().get(steps.get(i).step().titleKey()));
            l.setId("step-" + steps.get(i).step().name().toLowerCase(Locale.ROOT));
            l.getStyleClass().addAll("step-item", i < current ? "done" : i == current ? "current" : "todo");
            l.setMaxWidth(Double.MAX_VALUE);
            // The list is as wide as its longest step title, in either language and at any font size.
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            stepList.getChildren().add(l);
        }
    }

    private void showStep() {
        if (content == null) {
            return;
        }
        if (shown != null) {
            shown.hidden();
        }
        StepModel s = wizard.current();
        if (s == null) {
            return;
        }
        shown = viewFactory.apply(s);
        content.getChildren().setAll(shown.root());
        scroll.setVvalue(0);
        masker.visibleProperty().unbind();
        // Steps with their own live progress (deploy, dashboard) keep their view visible while they work.
        if (s.step() != Step.DEPLOY && s.step() != Step.DASHBOARD) {
            masker.visibleProperty().bind(s.busyProperty());
        } else {
            masker.setVisible(false);
        }
        problem.textProperty().unbind();
        problem.textProperty().bind(Texts.of(i18n(), s.problemProperty()));
        Parent view = shown.root();
        // After the pass that lays the new view out, so its controls are focusable.
        Platform.runLater(() -> FirstInput.focus(view));
    }

    @FXML
    private void next() {
        wizard.next();
    }

    @FXML
    private void back() {
        wizard.back();
    }

    @FXML
    private void cancel() {
        if (wizard.cancel()) {
            close.run();
        }
    }
}
