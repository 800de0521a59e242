package dev.berth.ui.review;

import dev.berth.bundle.RenderedFile;
import dev.berth.deploy.PlanStep;
import dev.berth.deploy.PreparedRelease;
import dev.berth.preflight.CheckResult;
import dev.berth.transfer.ImageStatus;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Views;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Step 6's view: the plan in order, the images, and each rendered file with its secrets masked. */
public final class ReviewView implements StepView {
    private final ReviewViewModel vm;
    private final I18n i18n;
    private final Parent root;
    @FXML private VBox failures;
    @FXML private ListView<String> plan;
    @FXML private ListView<String> images;
    @FXML private ComboBox<RenderedFile> files;
    @FXML private TextArea fileText;
    @FXML private HBox profileBar;
    @FXML private VBox changesBox;
    @FXML private TextArea changes;
    @FXML private CheckBox backupFirst;
    @FXML private javafx.scene.control.Button restoreInstead;

    public ReviewView(ReviewViewModel vm, I18n i18n, java.util.function.Consumer<HBox> profileActions) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(ReviewView.class, "review.fxml", this, i18n);
        if (profileActions != null) {
            profileActions.accept(profileBar);
        }
    }

    @FXML
    private void initialize() {
        files.setItems(vm.files());
        files.setConverter(new StringConverter<>() {
            @Override
            public String toString(RenderedFile f) {
                return f == null ? "" : f.path();
            }

            @Override
            public RenderedFile fromString(String s) {
                return null;
            }
        });
        files.valueProperty().bindBidirectional(vm.shownFileProperty());
        fileText.textProperty().bind(vm.shownTextProperty());
        backupFirst.selectedProperty().bindBidirectional(vm.backupFirstProperty());
        backupFirst.visibleProperty().bind(vm.backupOfferedProperty());
        backupFirst.managedProperty().bind(backupFirst.visibleProperty());
        backupFirst.disableProperty().bind(vm.busyProperty());
        restoreInstead.visibleProperty().bind(vm.restoreOfferedProperty());
        restoreInstead.managedProperty().bind(restoreInstead.visibleProperty());
        restoreInstead.disableProperty().bind(vm.busyProperty());
        changes.textProperty().bind(vm.changesProperty());
        changesBox.visibleProperty().bind(vm.changesProperty().isNotEmpty());
        changesBox.managedProperty().bind(changesBox.visibleProperty());
        vm.failures().addListener((ListChangeListener<CheckResult>) c -> fillFailures());
        fillFailures();
        vm.files().addListener((ListChangeListener<RenderedFile>) c -> fillPlan());
        fillPlan();
    }

    private void fillFailures() {
        failures.getChildren().clear();
        if (vm.failures().isEmpty()) {
            return;
        }
        Label h = new Label(i18n.get("review.failures"));
        h.getStyleClass().add("problem");
        failures.getChildren().add(h);
        for (CheckResult r : vm.failures()) {
            Label l = new Label("✗ " + i18n.t(r.title()) + ": " + i18n.t(r.reason()) + " " + i18n.t(r.remedy()));
            l.getStyleClass().add("problem");
            l.setWrapText(true);
            failures.getChildren().add(l);
        }
    }

    private void fillPlan() {
        PreparedRelease p = vm.prepared();
        plan.getItems().clear();
        images.getItems().clear();
        if (p == null) {
            return;
        }
        int n = 1;
        for (PlanStep s : p.plan().steps()) {
            plan.getItems().add(n++ + ". " + i18n.t(s.label()));
        }
        for (ImageStatus s : p.images()) {
            images.getItems().add(s.image().ref() + " — " + i18n.get("images.state." + s.state().name()));
        }
    }

    @FXML
    private void restoreInstead() {
        vm.restoreInstead();
    }

    @Override
    public Parent root() {
        return root;
    }
}
