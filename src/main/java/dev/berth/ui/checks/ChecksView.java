package dev.berth.ui.checks;

import dev.berth.preflight.CheckResult;
import dev.berth.preflight.Outcome;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Views;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Step 3's view: one row per check with its verdict, reason, remedy and, when Berth can, a Fix button; on a cluster,
 * each node's rows under its heading.
 */
public final class ChecksView implements StepView {
    private final ChecksViewModel vm;
    private final I18n i18n;
    private final Parent root;
    @FXML private Label summary;
    @FXML private ListView<CheckResult> results;
    @FXML private Button checkAgain;

    public ChecksView(ChecksViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(ChecksView.class, "checks.fxml", this, i18n);
    }

    @FXML
    private void initialize() {
        results.setItems(vm.results());
        results.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CheckResult r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                if (empty || r == null) {
                    setGraphic(null);
                    return;
                }
                String icon = switch (r.outcome()) {
                    case PASS -> "✓";
                    case WARN -> "!";
                    case FAIL -> "✗";
                };
                if (vm.headingOf(r).isPresent()) {
                    // A cluster node's heading: its name and how it did, above its own rows.
                    Label node = new Label(icon + "  " + i18n.t(r.title()));
                    node.getStyleClass().add("heading");
                    Label how = new Label(i18n.t(r.reason()));
                    how.getStyleClass().add("help");
                    setGraphic(new VBox(2, node, how));
                    return;
                }
                Label verdict = new Label(icon + " " + i18n.get("outcome." + r.outcome().name()));
                verdict.getStyleClass().add(r.outcome().name().toLowerCase(Locale.ROOT).replace("pass", "ok"));
                verdict.getStyleClass().add("verdict");
                Label title = new Label(i18n.t(r.title()));
                title.getStyleClass().add("subheading");
                Label reason = new Label(i18n.t(r.reason()));
                reason.setWrapText(true);
                VBox text = new VBox(2, title, reason);
                String remedy = i18n.t(r.remedy());
                if (!remedy.isBlank() && r.outcome() != Outcome.PASS) {
                    Label what = new Label(i18n.get("checks.remedy", remedy));
                    what.getStyleClass().add("help");
                    what.setWrapText(true);
                    text.getChildren().add(what);
                }
                // Wrapped lines ask for their full height, else the cell cuts the last line to "…".
                text.getChildren().forEach(n -> ((Label) n).setMinHeight(Region.USE_PREF_SIZE));
                HBox.setHgrow(text, Priority.ALWAYS);
                text.setPrefWidth(0);
                HBox row = new HBox(12, verdict, text);
                r.fix().filter(f -> r.outcome() != Outcome.PASS).ifPresent(f -> {
                    Button fix = new Button(i18n.get("checks.fix"));
                    fix.setId("fix-" + r.id().replaceAll("[^A-Za-z0-9]", "-"));
                    fix.setOnAction(e -> vm.applyFix(r));
                    row.getChildren().add(fix);
                });
                row.maxWidthProperty().bind(l.widthProperty().subtract(30));
                setGraphic(row);
            }
        });
        // The Fix button sits inside a row, out of Tab's reach: Space on the selected row applies its fix.
        results.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            CheckResult r = results.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.SPACE && r != null && r.fix().isPresent() && r.outcome() != Outcome.PASS) {
                e.consume();
                vm.applyFix(r);
            }
        });
        results.setTooltip(new javafx.scene.control.Tooltip(i18n.get("checks.fix.key")));
        summary.textProperty().bind(Bindings.createStringBinding(() -> vm.worstProperty().get() == null ? ""
                : i18n.get("checks.summary." + vm.worstProperty().get().name()), vm.worstProperty()));
        checkAgain.disableProperty().bind(vm.busyProperty());
    }

    @FXML
    private void checkAgain() {
        vm.checkAgain();
    }

    @Override
    public Parent root() {
        return root;
    }
}
