package dev.mirrorscope.app;

import dev.mirrorscope.app.packets.PacketItem;
import dev.mirrorscope.engine.FlowRow;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The main window: menu bar, packet and flow tables, and a status bar with background work. */
public final class MainWindow {
    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    final TableView<PacketItem> packetTable = new TableView<>();
    final TableView<FlowRow> flowTable = new TableView<>();
    private final boolean dialogs;

    public MainWindow(MainViewModel model, Stage stage, boolean dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        stage.titleProperty().bind(model.title());
        root.setTop(menuBar(stage));
        buildPacketTable();
        buildFlowTable();
        Tab packetsTab = new Tab("Packets", packetTable);
        packetsTab.setId("packets");
        Tab flowsTab = new Tab("Flows", flowTable);
        flowsTab.setId("flows");
        tabs.getTabs().addAll(packetsTab, flowsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
        root.setBottom(statusBar());
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !model.busy().get()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean accepted = files != null && !files.isEmpty()
                    && model.open(files.stream().map(File::toPath).toList());
            e.setDropCompleted(accepted);
            e.consume();
        });
        model.error().addListener((obs, old, msg) -> {
            if (msg != null && this.dialogs) {
                alert(stage, Alert.AlertType.ERROR, "Mirrorscope could not open the capture", msg);
            }
        });
        model.warning().addListener((obs, old, msg) -> {
            if (msg != null && this.dialogs) {
                alert(stage, Alert.AlertType.WARNING, "Read with warnings", msg);
            }
        });
    }

    private static void alert(Stage owner, Alert.AlertType type, String header, String message) {
        Alert a = new Alert(type, message);
        a.setTitle(MainViewModel.APP_NAME);
        a.setHeaderText(header);
        a.initOwner(owner);
        if (owner.getScene() != null) {
            a.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        a.show();
    }

    public BorderPane root() {
        return root;
    }

    /** Selects the tab of a view: packets or flows. */
    public void showView(String view) {
        tabs.getTabs().stream().filter(t -> t.getId().equals(view)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private MenuBar menuBar(Stage stage) {
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open captures");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Captures", "*.pcap", "*.pcapng", "*.cap", "*.gz"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            List<File> files = chooser.showOpenMultipleDialog(stage);
            if (files != null && !files.isEmpty()) {
                model.open(files.stream().map(File::toPath).toList());
            }
        });
        open.disableProperty().bind(model.busy());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        MenuItem packets = new MenuItem("Packets");
        packets.setAccelerator(KeyCombination.keyCombination("Shortcut+1"));
        packets.setOnAction(e -> showView("packets"));
        MenuItem flows = new MenuItem("Flows");
        flows.setAccelerator(KeyCombination.keyCombination("Shortcut+2"));
        flows.setOnAction(e -> showView("flows"));
        MenuItem about = new MenuItem("About Mirrorscope");
        about.setOnAction(e -> alert(stage, Alert.AlertType.INFORMATION, MainViewModel.APP_NAME,
                "A workstation for network traffic in AWS: VPC Traffic Mirroring captures, their packets "
                        + "and conversations, in one session.\n\nSession: " + model.sessionDir()));
        return new MenuBar(new Menu("File", null, open, quit), new Menu("View", null, packets, flows),
                new Menu("Help", null, about));
    }

    private void buildPacketTable() {
        packetTable.setItems(model.packets());
        // Info takes whatever width the fixed columns leave, as in a packet list.
        packetTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        packetTable.getColumns().add(column("No.", 70, p -> p.row().no(), "right"));
        packetTable.getColumns().add(column("Time", 110, p -> String.format(Locale.ROOT, "%.6f", p.relativeSeconds()),
                "right"));
        packetTable.getColumns().add(column("Source", 190, p -> p.row().src(), null));
        packetTable.getColumns().add(column("Destination", 190, p -> p.row().dst(), null));
        packetTable.getColumns().add(column("Protocol", 80, PacketItem::protocol, null));
        packetTable.getColumns().add(column("Length", 70, p -> p.row().frameLen(), "right"));
        packetTable.getColumns().add(column("VNI", 60, p -> p.row().vni() == null ? "" : p.row().vni(), "right"));
        packetTable.getColumns().add(column("Info", 560, p -> p.row().info(), null));
        packetTable.setPlaceholder(placeholder("No packets. Open a capture with File › Open… or drop one here."));
        packetTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PacketItem item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(c -> c.startsWith("row-"));
                if (!empty && item != null && item.styleClass() != null) {
                    getStyleClass().add(item.styleClass());
                }
            }
        });
    }

    private void buildFlowTable() {
        flowTable.setItems(model.flows());
        flowTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        flowTable.getColumns().add(column("Proto", 60, f -> protoName(f.proto()), null));
        flowTable.getColumns().add(column("VNI", 60, f -> f.vni() == null ? "" : f.vni(), "right"));
        flowTable.getColumns().add(column("Endpoint A", 220, f -> endpoint(f.a(), f.aPort()), null));
        flowTable.getColumns().add(column("Endpoint B", 220, f -> endpoint(f.b(), f.bPort()), null));
        flowTable.getColumns().add(column("Pkts A→B", 80, FlowRow::packetsAb, "right"));
        flowTable.getColumns().add(column("Bytes A→B", 90, FlowRow::bytesAb, "right"));
        flowTable.getColumns().add(column("Pkts B→A", 80, FlowRow::packetsBa, "right"));
        flowTable.getColumns().add(column("Bytes B→A", 90, FlowRow::bytesBa, "right"));
        flowTable.getColumns().add(column("Duration s", 90, f -> String.format(Locale.ROOT, "%.3f",
                (f.lastTsNs() - f.firstTsNs()) / 1e9), "right"));
        flowTable.getColumns().add(column("TCP state", 90, f -> f.tcpState() == null ? "" : f.tcpState(), null));
        flowTable.getColumns().add(column("RTT µs", 80, f -> f.rttUs() == null ? "" : f.rttUs(), "right"));
        flowTable.getColumns().add(column("Retrans", 70, FlowRow::retransmits, "right"));
        flowTable.setPlaceholder(placeholder("No flows. Open a capture with File › Open… or drop one here."));
    }

    /** A table's empty-state text, which says so while captures are being read. */
    private Label placeholder(String idle) {
        Label l = new Label();
        l.textProperty().bind(Bindings.when(model.busy()).then("Reading…").otherwise(idle));
        return l;
    }

    private static String protoName(int proto) {
        return switch (proto) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 1 -> "ICMP";
            case 58 -> "ICMPv6";
            default -> String.valueOf(proto);
        };
    }

    private static String endpoint(String addr, Integer port) {
        if (port == null) {
            return addr;
        }
        return (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + port;
    }

    private static <S> TableColumn<S, Object> column(String title, double width, Function<S, Object> value,
                                                     String align) {
        TableColumn<S, Object> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> (ObservableValue<Object>) new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        if ("right".equals(align)) {
            c.getStyleClass().add("align-right");
        }
        return c;
    }

    private HBox statusBar() {
        Label status = new Label();
        status.textProperty().bind(model.status());
        status.setId("status");
        status.setTooltip(new Tooltip("Session: " + model.sessionDir()));
        Label work = new Label();
        work.textProperty().bind(model.work());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progress());
        bar.setPrefWidth(180);
        bar.visibleProperty().bind(model.busy());
        Button cancel = new Button("Cancel");
        cancel.visibleProperty().bind(model.busy());
        cancel.setOnAction(e -> model.cancel());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox box = new HBox(10, status, spring, work, bar, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(4, 8, 4, 8));
        box.getStyleClass().add("status-bar");
        return box;
    }
}
