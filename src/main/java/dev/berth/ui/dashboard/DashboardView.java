package dev.berth.ui.dashboard;

import dev.berth.bundle.Endpoint;
import dev.berth.status.ServiceStatus;
import dev.berth.ui.DialogService;
import dev.berth.ui.EmSizes;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Views;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

/** Step 8's view: endpoints, a row per service, the CPU chart, and one service's logs; refreshed every 10 s. */
public final class DashboardView implements StepView {
    private final DashboardViewModel vm;
    private final I18n i18n;
    private final DialogService dialogs;
    private final Parent root;
    private final Timeline timer;
    @FXML private Label summary;
    @FXML private Label release;
    @FXML private Button refresh;
    @FXML private VBox endpoints;
    @FXML private TableView<ServiceStatus> services;
    @FXML private TableColumn<ServiceStatus, String> serviceCol;
    @FXML private TableColumn<ServiceStatus, String> stateCol;
    @FXML private TableColumn<ServiceStatus, String> healthCol;
    @FXML private TableColumn<ServiceStatus, String> restartsCol;
    @FXML private TableColumn<ServiceStatus, String> uptimeCol;
    @FXML private TableColumn<ServiceStatus, String> cpuCol;
    @FXML private TableColumn<ServiceStatus, String> memCol;
    @FXML private TableColumn<ServiceStatus, String> portsCol;
    @FXML private LineChart<Number, Number> chart;
    @FXML private NumberAxis yAxis;
    @FXML private Button showLogs;
    @FXML private ToggleButton follow;
    @FXML private Button restart;
    @FXML private MenuButton uninstallMenu;
    @FXML private Button support;
    @FXML private Button backup;
    @FXML private Button restore;
    @FXML private Label notice;
    @FXML private Label disk;
    @FXML private Label diskWarning;
    @FXML private TextArea logs;

    /** The cluster's dashboard, shown instead of this one's when the deployment is a cluster; else null. */
    private final ClusterDashboardView clusterView;

    public DashboardView(DashboardViewModel vm, I18n i18n, DialogService dialogs) {
        this.vm = vm;
        this.i18n = i18n;
        this.dialogs = dialogs;
        ClusterDashboardViewModel cluster = vm.cluster();
        if (cluster != null) {
            clusterView = new ClusterDashboardView(cluster, i18n);
            root = clusterView.root();
            timer = null;
            return;
        }
        clusterView = null;
        this.root = Views.load(DashboardView.class, "dashboard.fxml", this, i18n);
        timer = new Timeline(new KeyFrame(javafx.util.Duration.seconds(10), e -> vm.refresh()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    @Override
    public void hidden() {
        if (clusterView != null) {
            clusterView.hidden();
            return;
        }
        timer.stop();
        vm.followingProperty().set(false);
    }

    private static Callback<TableColumn.CellDataFeatures<ServiceStatus, String>, javafx.beans.value.ObservableValue<String>> cell(
            java.util.function.Function<ServiceStatus, String> f) {
        return c -> new SimpleStringProperty(f.apply(c.getValue()));
    }

    @FXML
    private void initialize() {
        EmSizes.column(summary, serviceCol, 10.8);
        EmSizes.column(summary, stateCol, 7);
        EmSizes.column(summary, healthCol, 7);
        EmSizes.column(summary, restartsCol, 6.2);
        EmSizes.column(summary, uptimeCol, 7);
        EmSizes.column(summary, cpuCol, 5.4);
        EmSizes.column(summary, memCol, 7);
        EmSizes.column(summary, portsCol, 18.5);
        services.setItems(vm.services());
        serviceCol.setCellValueFactory(cell(ServiceStatus::service));
        stateCol.setCellValueFactory(cell(s -> (s.ok() ? "✓ " : "✗ ") + s.state()));
        healthCol.setCellValueFactory(cell(ServiceStatus::health));
        restartsCol.setCellValueFactory(cell(s -> Integer.toString(s.restarts())));
        uptimeCol.setCellValueFactory(cell(ServiceStatus::uptimeText));
        cpuCol.setCellValueFactory(cell(s -> s.cpuPercent() < 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", s.cpuPercent())));
        memCol.setCellValueFactory(cell(s -> s.memoryBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", s.memoryBytes() / 1048576.0)));
        portsCol.setCellValueFactory(cell(s -> String.join(" ", s.ports())));
        // Arrows pick a service; Enter or Space shows its logs, as the Show logs button does.
        services.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE)
                    && vm.selectedProperty().get() != null) {
                e.consume();
                vm.loadLogs();
            }
        });
        services.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.selectedProperty().set(s);
            }
        });
        summary.textProperty().bind(Bindings.createStringBinding(() -> vm.statusProperty().get() == null ? ""
                : vm.healthyProperty().get() ? "✓ " + i18n.get("dashboard.healthy") : "✗ " + i18n.get("dashboard.unhealthy"),
                vm.statusProperty(), vm.healthyProperty()));
        vm.healthyProperty().addListener((o, a, h) -> summary.getStyleClass().setAll("subheading", h ? "ok" : "fail"));
        summary.getStyleClass().setAll("subheading", vm.healthyProperty().get() ? "ok" : "fail");
        release.textProperty().bind(Bindings.createStringBinding(() -> vm.statusProperty().get() == null ? ""
                : i18n.get("dashboard.release", String.valueOf(vm.statusProperty().get().currentRelease())), vm.statusProperty()));
        refresh.disableProperty().bind(vm.busyProperty());
        vm.endpoints().addListener((ListChangeListener<Endpoint>) c -> fillEndpoints());
        fillEndpoints();
        yAxis.setLabel(i18n.get("dashboard.chart.cpu"));
        vm.historyVersionProperty().addListener(o -> drawChart());
        drawChart();
        logs.textProperty().bind(vm.logTextProperty());
        vm.logTextProperty().addListener(o -> logs.setScrollTop(Double.MAX_VALUE));
        showLogs.disableProperty().bind(vm.selectedProperty().isNull());
        restart.disableProperty().bind(vm.selectedProperty().isNull().or(vm.busyProperty()));
        uninstallMenu.disableProperty().bind(vm.statusProperty().isNull().or(vm.busyProperty()));
        support.disableProperty().bind(vm.statusProperty().isNull().or(vm.busyProperty()));
        backup.disableProperty().bind(vm.statusProperty().isNull().or(vm.busyProperty()));
        // Also with nothing live (after an uninstall that kept the data): the backups are still on the server.
        restore.disableProperty().bind(vm.busyProperty());
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotNull());
        notice.managedProperty().bind(notice.visibleProperty());
        // Recomputed when the language changes, not only on the next refresh.
        disk.textProperty().bind(Bindings.createStringBinding(vm::diskText, vm.diskProperty(), i18n.localeProperty()));
        diskWarning.textProperty().bind(Bindings.createStringBinding(vm::diskWarning, vm.diskProperty(),
                i18n.localeProperty()));
        diskWarning.visibleProperty().bind(diskWarning.textProperty().isNotEmpty());
        diskWarning.managedProperty().bind(diskWarning.visibleProperty());
        follow.disableProperty().bind(vm.selectedProperty().isNull());
        follow.selectedProperty().bindBidirectional(vm.followingProperty());
        follow.setOnAction(e -> {
            if (follow.isSelected()) {
                vm.followingProperty().set(false);
                vm.follow();
            }
        });
    }

    private void fillEndpoints() {
        endpoints.getChildren().clear();
        if (vm.endpoints().isEmpty()) {
            return;
        }
        Label h = new Label(i18n.get("dashboard.endpoints"));
        h.getStyleClass().add("subheading");
        endpoints.getChildren().add(h);
        for (Endpoint e : vm.endpoints()) {
            Hyperlink link = new Hyperlink(e.url());
            link.setOnAction(a -> dialogs.openLink(e.url()));
            Label name = new Label(i18n.t(e.label()) + ":");
            HBox row = new HBox(6, name, link);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (e.note() != null) {
                Label note = new Label(i18n.t(e.note()));
                note.getStyleClass().add("help");
                note.setWrapText(true);
                row.getChildren().add(note);
            }
            endpoints.getChildren().add(row);
        }
    }

    private void drawChart() {
        chart.getData().clear();
        for (ServiceStatus s : vm.services()) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(s.service());
            int i = 0;
            for (Sample sample : vm.history(s.service())) {
                series.getData().add(new XYChart.Data<>(i++, sample.cpuPercent()));
            }
            chart.getData().add(series);
        }
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    @FXML
    private void showLogs() {
        vm.loadLogs();
    }

    @FXML
    private void restart() {
        vm.restartSelected();
    }

    @FXML
    private void backUp() {
        vm.backUp();
    }

    @FXML
    private void restore() {
        vm.restore();
    }

    @FXML
    private void saveSupportBundle() {
        vm.saveSupportBundle();
    }

    @FXML
    private void uninstall() {
        vm.uninstall();
    }

    @FXML
    private void uninstallWithData() {
        vm.uninstallWithData();
    }

    @Override
    public Parent root() {
        return root;
    }
}
