package dev.berth.ui.images;

import dev.berth.ui.EmSizes;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Views;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** Step 5's view: the folder and one row per image with where it is and whether its checksum holds. */
public final class ImagesView implements StepView {
    private final ImagesViewModel vm;
    private final I18n i18n;
    private final Parent root;
    @FXML private TextField folder;
    @FXML private Button choose;
    @FXML private Button rescan;
    @FXML private TableView<ImageRow> table;
    @FXML private TableColumn<ImageRow, String> refColumn;
    @FXML private TableColumn<ImageRow, String> fileColumn;
    @FXML private TableColumn<ImageRow, String> stateColumn;
    @FXML private TableColumn<ImageRow, String> checksumColumn;
    @FXML private Label summary;

    public ImagesView(ImagesViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(ImagesView.class, "images.fxml", this, i18n);
    }

    @FXML
    private void initialize() {
        table.setItems(vm.rows());
        EmSizes.column(summary, refColumn, 23);
        EmSizes.column(summary, fileColumn, 17);
        EmSizes.column(summary, stateColumn, 15.5);
        EmSizes.column(summary, checksumColumn, 10);
        refColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().status().image().ref()));
        fileColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().status().image().file()));
        stateColumn.setCellValueFactory(c -> new SimpleStringProperty(
                i18n.get("images.state." + c.getValue().status().state().name())));
        checksumColumn.setCellValueFactory(c -> new SimpleStringProperty(
                i18n.get("images.checksum." + c.getValue().checksum().name())));
        folder.setText(vm.folderProperty().get() == null ? "" : vm.folderProperty().get().toString());
        vm.folderProperty().addListener((o, a, p) -> {
            String t = p == null ? "" : p.toString();
            if (!t.equals(folder.getText())) {
                folder.setText(t);
            }
        });
        folder.setOnAction(e -> apply());
        folder.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                apply();
            }
        });
        summary.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.isValid() ? "✓ " + i18n.get("images.ok")
                        + (vm.planProperty().get() == null ? "" : " " + i18n.t(vm.planProperty().get())) : "",
                vm.validProperty(), vm.planProperty()));
    }

    private void apply() {
        String t = folder.getText().trim();
        Path p = t.isEmpty() ? null : Path.of(t);
        if (p != null && !p.equals(vm.folderProperty().get()) && Files.isDirectory(p)) {
            vm.folderProperty().set(p);
        }
    }

    @FXML
    private void choose() {
        vm.chooseFolder();
    }

    @FXML
    private void rescan() {
        apply();
        vm.scan();
    }

    @Override
    public Parent root() {
        return root;
    }
}
