package dev.berth.ui.deploy;

import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Texts;
import dev.berth.ui.Views;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** Step 7's view: ticks and timings per plan step, upload progress, the journal, and on failure the logs. */
public final class DeployView implements StepView {
    private final DeployViewModel vm;
    private final I18n i18n;
    private final Parent root;
    @FXML private ListView<StepRow> steps;
    @FXML private VBox uploadBox;
    @FXML private ProgressBar upload;
    @FXML private Label uploadText;
    @FXML private ListView<String> journal;
    @FXML private Label result;
    @FXML private Label nextHint;
    @FXML private TextArea logs;
    @FXML private Button reattach;
    @FXML private Label reattached;
    @FXML private Label backupNote;
    @FXML private Button restoreBackup;

    public DeployView(DeployViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(DeployView.class, "deploy.fxml", this, i18n);
    }

    @FXML
    private void initialize() {
        steps.setItems(vm.rows());
        steps.setCellFactory(l -> new ListCell<>() {
            private final javafx.beans.InvalidationListener redraw = o -> draw();
            private StepRow shown;

            @Override
            protected void updateItem(StepRow r, boolean empty) {
                super.updateItem(r, empty);
                if (shown != null) {
                    shown.stateProperty().removeListener(redraw);
                }
                shown = empty ? null : r;
                if (shown != null) {
                    shown.stateProperty().addListener(redraw);
                }
                draw();
            }

            private void draw() {
                getStyleClass().remove("failed");
                if (shown == null) {
                    setText(null);
                    return;
                }
                String mark = switch (shown.state()) {
                    case WAITING -> "○";
                    case RUNNING -> "▶";
                    case DONE -> "✓";
                    case FAILED -> "✗";
                };
                long ms = shown.millisProperty().get();
                setText(mark + " " + i18n.t(shown.label()) + (ms >= 0 ? String.format(Locale.ROOT, "  (%.1f s)", ms / 1000.0) : ""));
                if (shown.state() == StepRow.State.FAILED) {
                    getStyleClass().add("failed");
                }
            }
        });
        journal.setItems(vm.journal());
        vm.journal().addListener((ListChangeListener<String>) c -> journal.scrollTo(vm.journal().size() - 1));
        upload.progressProperty().bind(vm.uploadProgressProperty());
        uploadBox.visibleProperty().bind(vm.uploadProgressProperty().greaterThanOrEqualTo(0));
        uploadBox.managedProperty().bind(uploadBox.visibleProperty());
        uploadText.textProperty().bind(Texts.of(i18n, vm.uploadTextProperty()));
        result.textProperty().bind(Bindings.createStringBinding(() -> vm.succeededProperty().get()
                ? "✓ " + i18n.get("deploy.succeeded") : vm.failureProperty().get() == null ? "" : "✗ " + i18n.t(vm.failureProperty().get()),
                vm.succeededProperty(), vm.failureProperty()));
        result.getStyleClass().add("subheading");
        nextHint.textProperty().bind(Bindings.createStringBinding(() -> vm.nextHintProperty().get() == null ? ""
                : i18n.get("deploy.next", i18n.t(vm.nextHintProperty().get())), vm.nextHintProperty()));
        logs.textProperty().bind(vm.serviceLogsProperty());
        logs.visibleProperty().bind(vm.serviceLogsProperty().isNotEmpty());
        logs.managedProperty().bind(logs.visibleProperty());
        reattached.setId("reattachedNotice");
        reattached.textProperty().bind(Bindings.createStringBinding(() -> vm.reattachedReleaseProperty().get() == null ? ""
                : i18n.get("deploy.reattached", vm.reattachedReleaseProperty().get()), vm.reattachedReleaseProperty(), i18n.localeProperty()));
        reattached.visibleProperty().bind(vm.reattachedReleaseProperty().isNotNull());
        reattached.managedProperty().bind(reattached.visibleProperty());
        backupNote.textProperty().bind(Texts.of(i18n, vm.backupNoteProperty()));
        backupNote.visibleProperty().bind(vm.backupNoteProperty().isNotNull());
        backupNote.managedProperty().bind(backupNote.visibleProperty());
        restoreBackup.visibleProperty().bind(vm.restoreOfferedProperty().and(vm.runningProperty().not()));
        restoreBackup.managedProperty().bind(restoreBackup.visibleProperty());
        restoreBackup.disableProperty().bind(vm.busyProperty());
        reattach.visibleProperty().bind(vm.disconnectedProperty());
        reattach.managedProperty().bind(vm.disconnectedProperty());
    }

    @FXML
    private void restoreBackup() {
        vm.restoreBackup();
    }

    @FXML
    private void reattach() {
        vm.reattach();
    }

    @Override
    public Parent root() {
        return root;
    }
}
