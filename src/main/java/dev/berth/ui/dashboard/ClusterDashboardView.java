package dev.berth.ui.dashboard;

import dev.berth.status.SwarmView.NodeRow;
import dev.berth.status.SwarmView.ServiceRow;
import dev.berth.status.SwarmView.TaskRow;
import dev.berth.ui.EmSizes;
import dev.berth.ui.I18n;
import dev.berth.ui.StepView;
import dev.berth.ui.Texts;
import dev.berth.ui.Views;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

/**
 * The dashboard of a cluster deployment: the banner, a row per node, a row per service of the stack, the chosen
 * service's tasks and its log; read again every 5 s while shown (one call on the manager each time).
 */
public final class ClusterDashboardView implements StepView {
    /** Shorter than the one-server dashboard's 10 s: a swarm moves tasks by itself, and the read is one call. */
    static final javafx.util.Duration REFRESH = javafx.util.Duration.seconds(5);

    private final ClusterDashboardViewModel vm;
    private final I18n i18n;
    private final Parent root;
    private final Timeline timer;
    @FXML private Label summary;
    @FXML private Button refresh;
    @FXML private VBox bannerBox;
    @FXML private TableView<NodeRow> nodes;
    @FXML private TableColumn<NodeRow, String> hostCol;
    @FXML private TableColumn<NodeRow, String> roleCol;
    @FXML private TableColumn<NodeRow, String> statusCol;
    @FXML private TableColumn<NodeRow, String> availabilityCol;
    @FXML private TableColumn<NodeRow, String> cpusCol;
    @FXML private TableColumn<NodeRow, String> nodeMemCol;
    @FXML private TableColumn<NodeRow, String> labelsCol;
    @FXML private TableView<ServiceRow> services;
    @FXML private TableColumn<ServiceRow, String> serviceCol;
    @FXML private TableColumn<ServiceRow, String> replicasCol;
    @FXML private TableColumn<ServiceRow, String> serviceStateCol;
    @FXML private TableColumn<ServiceRow, String> imageCol;
    @FXML private Label tasksHeading;
    @FXML private TableView<TaskRow> tasks;
    @FXML private TableColumn<TaskRow, String> slotCol;
    @FXML private TableColumn<TaskRow, String> taskNodeCol;
    @FXML private TableColumn<TaskRow, String> taskStateCol;
    @FXML private TableColumn<TaskRow, String> taskHealthCol;
    @FXML private TableColumn<TaskRow, String> taskRestartsCol;
    @FXML private TableColumn<TaskRow, String> errorCol;
    @FXML private Button showLogs;
    @FXML private TextArea logs;

    public ClusterDashboardView(ClusterDashboardViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        this.root = Views.load(ClusterDashboardView.class, "cluster-dashboard.fxml", this, i18n);
        timer = new Timeline(new KeyFrame(REFRESH, e -> vm.refresh()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    @Override
    public void hidden() {
        timer.stop();
    }

    private static <R> Callback<TableColumn.CellDataFeatures<R, String>, ObservableValue<String>> cell(Function<R, String> f) {
        return c -> new SimpleStringProperty(f.apply(c.getValue()));
    }

    @FXML
    private void initialize() {
        bannerBox.getChildren().add(Texts.problemLabel(i18n, vm.bannerProperty()));

        EmSizes.column(summary, hostCol, 10);
        EmSizes.column(summary, roleCol, 11.5);
        EmSizes.column(summary, statusCol, 7);
        EmSizes.column(summary, availabilityCol, 7);
        EmSizes.column(summary, cpusCol, 5);
        EmSizes.column(summary, nodeMemCol, 7);
        EmSizes.column(summary, labelsCol, 16);
        nodes.setItems(vm.nodes());
        hostCol.setCellValueFactory(cell(NodeRow::hostname));
        roleCol.setCellValueFactory(cell(n -> n.managerStatus().isEmpty() ? n.role() : n.role() + " (" + n.managerStatus() + ")"));
        statusCol.setCellValueFactory(cell(n -> (n.ready() ? "✓ " : "✗ ") + n.status()));
        availabilityCol.setCellValueFactory(cell(NodeRow::availability));
        cpusCol.setCellValueFactory(cell(n -> n.cpus() == Math.rint(n.cpus()) ? Long.toString((long) n.cpus())
                : String.format(Locale.ROOT, "%.1f", n.cpus())));
        nodeMemCol.setCellValueFactory(cell(n -> String.format(Locale.ROOT, "%.1f GiB", n.memoryBytes() / (1024.0 * 1024 * 1024))));
        labelsCol.setCellValueFactory(cell(n -> n.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "))));
        // A node that is not Ready reads red across its row, not only in its status cell.
        nodes.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(NodeRow n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().remove("fail");
                if (!empty && n != null && !n.ready()) {
                    getStyleClass().add("fail");
                }
            }
        });

        EmSizes.column(summary, serviceCol, 10.8);
        EmSizes.column(summary, replicasCol, 6);
        EmSizes.column(summary, serviceStateCol, 8);
        EmSizes.column(summary, imageCol, 18);
        services.setItems(vm.services());
        serviceCol.setCellValueFactory(cell(ServiceRow::name));
        replicasCol.setCellValueFactory(cell(s -> s.running() + "/" + s.desired()));
        serviceStateCol.setCellValueFactory(cell(s -> {
            ClusterServiceState state = vm.stateOf(s);
            // Starting is not yet a failure: it gets no cross.
            String mark = switch (state) {
                case HEALTHY -> "✓ ";
                case STARTING -> "… ";
                case DEGRADED, DOWN -> "✗ ";
            };
            return mark + i18n.get(state.key());
        }));
        imageCol.setCellValueFactory(cell(ServiceRow::image));
        services.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.selectedProperty().set(s);
            }
        });
        // A refresh replaces the rows: keep the chosen service highlighted.
        vm.selectedProperty().addListener((o, a, s) -> {
            if (s != null && services.getSelectionModel().getSelectedItem() != s) {
                services.getSelectionModel().select(s);
            }
        });
        services.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && vm.selectedProperty().get() != null) {
                e.consume();
                vm.loadLogs();
            }
        });

        EmSizes.column(summary, slotCol, 5);
        EmSizes.column(summary, taskNodeCol, 9);
        EmSizes.column(summary, taskStateCol, 9);
        EmSizes.column(summary, taskHealthCol, 6);
        EmSizes.column(summary, taskRestartsCol, 6);
        EmSizes.column(summary, errorCol, 24);
        tasks.setItems(vm.tasks());
        slotCol.setCellValueFactory(cell(TaskRow::slot));
        taskNodeCol.setCellValueFactory(cell(t -> t.node().isEmpty() ? "-"
                : vm.nodeReady(t.node()) ? t.node() : "✗ " + t.node()));
        taskStateCol.setCellValueFactory(cell(TaskRow::state));
        taskHealthCol.setCellValueFactory(cell(TaskRow::health));
        taskRestartsCol.setCellValueFactory(cell(t -> Integer.toString(t.restarts())));
        errorCol.setCellValueFactory(cell(TaskRow::error));
        tasksHeading.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? i18n.get("dashboard.cluster.tasks.none") : i18n.get("dashboard.cluster.tasks", vm.selectedProperty().get().name()),
                vm.selectedProperty()));

        summary.textProperty().bind(Bindings.createStringBinding(this::summaryText, vm.viewProperty()));
        vm.viewProperty().addListener((o, a, v) -> summary.getStyleClass().setAll("subheading", allHealthy() ? "ok" : "fail"));
        refresh.disableProperty().bind(vm.busyProperty());
        showLogs.disableProperty().bind(vm.selectedProperty().isNull());
        logs.textProperty().bind(vm.logTextProperty());
        vm.logTextProperty().addListener(o -> logs.setScrollTop(Double.MAX_VALUE));
    }

    private boolean allHealthy() {
        return vm.nodes().stream().allMatch(NodeRow::ready)
                && vm.services().stream().allMatch(s -> vm.stateOf(s) == ClusterServiceState.HEALTHY);
    }

    private String summaryText() {
        if (vm.viewProperty().get() == null) {
            return "";
        }
        long healthy = vm.services().stream().filter(s -> vm.stateOf(s) == ClusterServiceState.HEALTHY).count();
        return (allHealthy() ? "✓ " : "✗ ") + i18n.get("dashboard.cluster.summary", vm.target().project(), healthy,
                vm.services().size(), vm.nodes().size());
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    @FXML
    private void showLogs() {
        vm.loadLogs();
    }

    @Override
    public Parent root() {
        return root;
    }
}
