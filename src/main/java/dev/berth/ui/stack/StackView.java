package dev.berth.ui.stack;

import dev.berth.bundle.BundleCatalog;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Views;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Step 1's view: the bundles with what each needs; a broken one shows why. */
public final class StackView implements StepView {
    private final StackViewModel vm;
    private final I18n i18n;
    private final Parent root;
    @FXML private ListView<BundleCatalog.Entry> bundles;
    @FXML private VBox profiles;
    @FXML private HBox restoreBox;
    @FXML private Label restoreText;

    public StackView(StackViewModel vm, I18n i18n, java.util.function.Consumer<VBox> profilePanel) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(StackView.class, "stack.fxml", this, i18n);
        if (profilePanel != null) {
            profilePanel.accept(profiles);
        }
    }

    @FXML
    private void initialize() {
        bundles.setItems(vm.entries());
        bundles.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(BundleCatalog.Entry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                VBox box = new VBox(2);
                if (e.ok()) {
                    var b = e.bundle();
                    Label name = new Label(i18n.t(b.name()) + "  ·  " + i18n.get("stack.version", b.version()));
                    name.getStyleClass().add("subheading");
                    Label desc = new Label(i18n.t(b.description()));
                    desc.setWrapText(true);
                    Label needs = new Label(i18n.t(StackViewModel.needs(b)));
                    needs.getStyleClass().add("help");
                    needs.setWrapText(true);
                    box.getChildren().addAll(name, desc, needs);
                } else {
                    Label name = new Label(e.name());
                    name.getStyleClass().add("subheading");
                    Label why = new Label(i18n.get("stack.broken") + " " + i18n.t(e.error().sentence()));
                    why.getStyleClass().add("problem");
                    why.setWrapText(true);
                    box.getChildren().addAll(name, why);
                }
                // Wrapped lines ask for their full height, else the cell cuts the last line to "…".
                box.getChildren().forEach(n -> ((Label) n).setMinHeight(Region.USE_PREF_SIZE));
                box.setPrefWidth(0);
                box.maxWidthProperty().bind(l.widthProperty().subtract(30));
                setText(null);
                setGraphic(box);
            }
        });
        restoreText.textProperty().bind(Bindings.createStringBinding(vm::restoreText, vm.restoreArchiveProperty(),
                i18n.localeProperty()));
        restoreText.setMinHeight(Region.USE_PREF_SIZE);
        restoreBox.visibleProperty().bind(vm.restoreArchiveProperty().isNotNull());
        restoreBox.managedProperty().bind(restoreBox.visibleProperty());
        bundles.getSelectionModel().select(vm.selectedProperty().get());
        bundles.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (bundles.getSelectionModel().getSelectedItem() != b) {
                bundles.getSelectionModel().select(b);
            }
        });
    }

    @FXML
    private void openFolder() {
        vm.openFolder();
    }

    @FXML
    private void restoreFromFile() {
        vm.restoreFromFile();
    }

    @FXML
    private void dropRestore() {
        vm.dropRestore();
    }

    @Override
    public Parent root() {
        return root;
    }
}
