package dev.mirrorscope.app;

import dev.mirrorscope.app.common.ColumnWidths;
import dev.mirrorscope.app.common.Icons;
import dev.mirrorscope.app.common.Theme;
import dev.mirrorscope.app.filterbar.FilterBar;
import dev.mirrorscope.app.follow.FollowStreamLoader;
import dev.mirrorscope.app.follow.FollowStreamWindow;
import dev.mirrorscope.app.packets.PacketItem;
import dev.mirrorscope.app.reach.AccessView;
import dev.mirrorscope.app.reach.AccessViewModel;
import dev.mirrorscope.app.reach.ReachView;
import dev.mirrorscope.app.reach.ReachViewModel;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.app.flows.FlowsView;
import dev.mirrorscope.app.packets.PacketsView;
import dev.mirrorscope.app.packets.TimeFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.glyphfont.FontAwesome;

/**
 * The main window: menu bar, toolbar with the display-filter bar, the packet and flow views in tabs,
 * and a status bar with the session's totals, the selection and the background work (progress, Cancel).
 */
public final class MainWindow {
    /** Shortcuts, for the menus and the Help › Keyboard Shortcuts list. */
    static final String OPEN = "Shortcut+O";
    static final String OPEN_SESSION = "Shortcut+Shift+O";
    static final String NEW_SESSION = "Shortcut+N";
    static final String SAVE_SESSION = "Shortcut+S";
    static final String EXPORT_PACKETS = "Shortcut+E";
    static final String EXPORT_CSV = "Shortcut+Shift+E";
    static final String GO_TO = "Shortcut+G";
    static final String FILTER = "Shortcut+F";
    static final String SHOW_ALL = "Shortcut+Shift+A";
    static final String DARK = "Shortcut+Shift+D";
    static final String FOLLOW = "Shortcut+Alt+Shift+T";
    static final String EXPLAIN = "Shortcut+Shift+X";
    static final String OPEN_SNAPSHOT = "Shortcut+Shift+V";

    private final MainViewModel model;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final PacketsView packetsView;
    private final FlowsView flowsView;
    private final FilterBar filterBar;
    private final boolean dialogs;
    private final ColumnWidths widths;
    private final ReachViewModel reach;
    private final AccessViewModel access;

    public MainWindow(MainViewModel model, Stage stage, boolean dialogs) {
        this.model = model;
        this.stage = stage;
        this.dialogs = dialogs;
        this.widths = new ColumnWidths() {
            @Override
            public Double get(String id) {
                return model.columnWidth(id);
            }

            @Override
            public void put(String id, double width) {
                model.columnWidth(id, width);
            }
        };
        stage.titleProperty().bind(model.title());
        packetsView = new PacketsView(model.packets(), widths);
        flowsView = new FlowsView(model.flows(), widths);
        filterBar = new FilterBar(model.filter());
        packetsView.setOnShowAll(this::showAllPackets);
        flowsView.setOnShowPackets(() -> showView("packets"));
        packetsView.placeholder().textProperty().bind(Bindings.when(model.busy()).then("Reading…")
                .otherwise("No packets. Open a capture with File › Open… or drop one here."));
        flowsView.placeholder().textProperty().bind(Bindings.when(model.busy()).then("Flows appear when the captures have been read.")
                .otherwise("No flows. Open a capture with File › Open… or drop one here."));
        Tab packetsTab = new Tab("Packets", packetsView.root());
        packetsTab.setId("packets");
        Tab flowsTab = new Tab("Flows", flowsView.root());
        flowsTab.setId("flows");
        reach = new ReachViewModel(model.tasks());
        access = new AccessViewModel(model.tasks(), reach);
        Tab reachTab = new Tab("Reachability", new ReachView(reach).root());
        reachTab.setId("reach");
        AccessView accessView = new AccessView(access);
        accessView.setOnOpenInPathView(() -> showView("reach"));
        Tab accessTab = new Tab("Access", accessView.root());
        accessTab.setId("access");
        accessTab.setOnSelectionChanged(e -> {
            if (accessTab.isSelected()) {
                access.ensureAnalysed();
            }
        });
        tabs.getTabs().addAll(packetsTab, flowsTab, reachTab, accessTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(tabs);
        root.setBottom(statusBar());
        root.getStyleClass().add("main-window");
        acceptDrops();
        model.error().addListener((obs, old, msg) -> {
            if (msg != null && this.dialogs) {
                alert(Alert.AlertType.ERROR, "Mirrorscope could not do that", msg);
            }
        });
        model.warning().addListener((obs, old, msg) -> {
            if (msg != null && this.dialogs) {
                alert(Alert.AlertType.WARNING, "Read with warnings", msg);
            }
        });
        model.theme().addListener((o, was, now) -> applyTheme());
    }

    public BorderPane root() {
        return root;
    }

    /** The packet view, where the packet details component goes ({@link PacketsView#setDetails}). */
    public PacketsView packetsView() {
        return packetsView;
    }

    public FlowsView flowsView() {
        return flowsView;
    }

    public FilterBar filterBar() {
        return filterBar;
    }

    /** Puts the current theme's stylesheets on the window's scene. */
    public void applyTheme() {
        Scene scene = stage.getScene();
        if (scene != null) {
            scene.getStylesheets().setAll(model.theme().get().stylesheets());
        }
    }

    /** Selects the tab of a view: packets or flows. */
    public void showView(String view) {
        tabs.getTabs().stream().filter(t -> t.getId().equals(view)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    public String currentView() {
        return tabs.getSelectionModel().getSelectedItem().getId();
    }

    /** Remembers the column widths and window size (when the window closes). */
    public void savePreferences() {
        ColumnWidths.save(widths, packetsView.table());
        ColumnWidths.save(widths, flowsView.table());
        model.windowSize(stage.getWidth(), stage.getHeight());
    }

    private void alert(Alert.AlertType type, String header, String message) {
        Alert a = new Alert(type, message);
        a.setTitle(MainViewModel.APP_NAME);
        a.setHeaderText(header);
        a.initOwner(stage);
        a.getDialogPane().getStylesheets().setAll(model.theme().get().stylesheets());
        a.getDialogPane().setMinWidth(520);
        a.show();
    }

    private void acceptDrops() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !model.busy().get()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean accepted = files != null && !files.isEmpty() && openPaths(files.stream().map(File::toPath).toList());
            e.setDropCompleted(accepted);
            e.consume();
        });
    }

    /** Captures are read into the session; a single session directory is opened instead. */
    boolean openPaths(List<Path> paths) {
        if (paths.size() == 1 && Files.isDirectory(paths.get(0))) {
            return model.openSession(paths.get(0));
        }
        return model.open(paths);
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open Captures…", OPEN, this::chooseCaptures);
        open.disableProperty().bind(model.busy());
        Menu recent = new Menu("Open Recent");
        recent.setOnShowing(e -> fillRecent(recent));
        recent.getItems().add(new MenuItem("(none)"));
        recent.disableProperty().bind(model.busy());
        MenuItem openSession = item("Open Session…", OPEN_SESSION, this::chooseSession);
        openSession.disableProperty().bind(model.busy());
        MenuItem newSession = item("New Session", NEW_SESSION, model::newSession);
        newSession.disableProperty().bind(model.busy());
        MenuItem save = item("Save Session As…", SAVE_SESSION, this::saveSession);
        save.disableProperty().bind(model.busy().or(model.session().isNull()));
        MenuItem exportPackets = item("Export Packets as pcapng…", EXPORT_PACKETS, this::exportPackets);
        exportPackets.disableProperty().bind(model.busy().or(model.packets().displayed().isEqualTo(0)));
        MenuItem exportCsv = item("Export Table as CSV…", EXPORT_CSV, this::exportCsv);
        exportCsv.disableProperty().bind(model.busy().or(model.session().isNull()));
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        MenuItem openSnapshot = item("Open VPC Snapshot…", OPEN_SNAPSHOT, this::chooseSnapshot);
        Menu file = new Menu("File", null, open, recent, new SeparatorMenuItem(), newSession, openSession, save,
                new SeparatorMenuItem(), openSnapshot,
                new SeparatorMenuItem(), exportPackets, exportCsv, new SeparatorMenuItem(), quit);

        MenuItem goTo = item("Go to Packet…", GO_TO, this::goToPacket);
        MenuItem filter = item("Display Filter", FILTER, () -> {
            showView("packets");
            filterBar.field().requestFocus();
            filterBar.field().selectAll();
        });
        MenuItem showAll = item("Show All Packets", SHOW_ALL, this::showAllPackets);
        Menu go = new Menu("Go", null, goTo, filter, showAll);
        MenuItem follow = item("Follow Stream…", FOLLOW, this::followStream);
        follow.disableProperty().bind(model.session().isNull());
        MenuItem explain = item("Explain This Flow (Reachability)", EXPLAIN, this::explainFlow);
        Menu analyze = new Menu("Analyze", null, follow, explain);

        MenuItem packets = item("Packets", "Shortcut+1", () -> showView("packets"));
        MenuItem flows = item("Flows", "Shortcut+2", () -> showView("flows"));
        MenuItem reachView = item("Reachability", "Shortcut+3", () -> showView("reach"));
        MenuItem accessItem = item("Access", "Shortcut+4", () -> showView("access"));
        Menu time = new Menu("Time Display Format");
        ToggleGroup timeGroup = new ToggleGroup();
        String[] timeKeys = {"Shortcut+Alt+4", "Shortcut+Alt+6", "Shortcut+Alt+1", "Shortcut+Alt+7"};
        for (TimeFormat f : TimeFormat.values()) {
            RadioMenuItem r = new RadioMenuItem(f.label());
            r.setToggleGroup(timeGroup);
            r.setAccelerator(KeyCombination.keyCombination(timeKeys[f.ordinal()]));
            r.setSelected(model.packets().timeFormat().get() == f);
            r.setOnAction(e -> model.packets().timeFormat().set(f));
            model.packets().timeFormat().addListener((o, was, now) -> r.setSelected(now == f));
            time.getItems().add(r);
        }
        Menu theme = new Menu("Theme");
        ToggleGroup themeGroup = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(t == Theme.LIGHT ? "Light" : "Dark");
            r.setToggleGroup(themeGroup);
            r.setSelected(model.theme().get() == t);
            r.setOnAction(e -> model.theme().set(t));
            model.theme().addListener((o, was, now) -> r.setSelected(now == t));
            theme.getItems().add(r);
        }
        MenuItem toggleDark = item("Switch Light/Dark", DARK,
                () -> model.theme().set(model.theme().get() == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        theme.getItems().addAll(new SeparatorMenuItem(), toggleDark);
        Menu view = new Menu("View", null, packets, flows, reachView, accessItem, new SeparatorMenuItem(), time,
                theme);

        MenuItem keys = item("Keyboard Shortcuts", "F1", this::showShortcuts);
        MenuItem about = item("About Mirrorscope", null, () -> alert(Alert.AlertType.INFORMATION,
                MainViewModel.APP_NAME, "A workstation for network traffic in AWS: VPC Traffic Mirroring captures, "
                        + "their packets and conversations, in one session.\n\nSession: " + model.sessionDir()
                        + (model.temporarySession() ? " (temporary: removed on exit unless saved)" : "")));
        MenuBar bar = new MenuBar(file, go, view, analyze, new Menu("Help", null, keys, about));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Follow Stream of the selected flow (Flows view) or of the selected packet's conversation. */
    void followStream() {
        Session session = model.session().get();
        if (session == null) {
            return;
        }
        long no = -1;
        if ("flows".equals(currentView())) {
            FlowRow f = flowsView.table().getSelectionModel().getSelectedItem();
            no = f == null ? -1 : f.firstNo();
        } else {
            PacketItem p = packetsView.table().getSelectionModel().getSelectedItem();
            no = p == null || p.row() == null ? -1 : p.row().no();
        }
        if (no < 1) {
            alert(Alert.AlertType.INFORMATION, "Follow Stream", "Select a TCP or UDP packet or flow first.");
            return;
        }
        FollowStreamWindow.open(stage, FollowStreamLoader.of(session), model.tasks(), no);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private ToolBar toolBar() {
        Button open = new Button("Open", Icons.of(FontAwesome.Glyph.FOLDER_OPEN));
        open.setTooltip(new Tooltip("Open captures (Ctrl+O)"));
        open.setOnAction(e -> chooseCaptures());
        open.disableProperty().bind(model.busy());
        open.getStyleClass().add("open-button");
        Button export = new Button("Export", Icons.of(FontAwesome.Glyph.DOWNLOAD));
        export.setTooltip(new Tooltip("Export packets as pcapng (Ctrl+E)"));
        export.setOnAction(e -> exportPackets());
        export.disableProperty().bind(model.busy().or(model.packets().displayed().isEqualTo(0)));
        Button goTo = new Button("Go to", Icons.of(FontAwesome.Glyph.LONG_ARROW_RIGHT));
        goTo.setTooltip(new Tooltip("Go to packet number (Ctrl+G)"));
        goTo.setOnAction(e -> goToPacket());
        goTo.disableProperty().bind(model.packets().displayed().isEqualTo(0));
        ComboBox<TimeFormat> time = new ComboBox<>();
        time.setId("time-format");
        time.getItems().setAll(TimeFormat.values());
        time.valueProperty().bindBidirectional(model.packets().timeFormat());
        time.setTooltip(new Tooltip("How the Time column reads (View › Time Display Format)"));
        time.setButtonCell(timeCell());
        time.setCellFactory(l -> timeCell());
        Label timeLabel = new Label("Time");
        Label filterLabel = new Label("Filter");
        HBox filter = new HBox(6, filterLabel, filterBar.root());
        filter.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox spread = new HBox(8, open, export, goTo, new Separator(Orientation.VERTICAL), timeLabel, time,
                new Separator(Orientation.VERTICAL), filter);
        spread.setAlignment(Pos.CENTER_LEFT);
        spread.prefWidthProperty().bind(root.widthProperty().subtract(20));
        ToolBar bar = new ToolBar(spread);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private static ListCell<TimeFormat> timeCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(TimeFormat f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : switch (f) {
                    case RELATIVE -> "Since first packet";
                    case DELTA -> "Since previous shown";
                    case ABSOLUTE -> "Date and time";
                    case UTC -> "Date and time (UTC)";
                });
            }
        };
    }

    private HBox statusBar() {
        Label status = new Label();
        status.textProperty().bind(model.status());
        status.setId("status");
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(Bindings.createStringBinding(() -> "Session: " + model.sessionDir(),
                model.title()));
        Label selection = new Label();
        selection.setId("selection");
        selection.textProperty().bind(model.selection());
        selection.getStyleClass().add("status-selection");
        Label note = new Label();
        note.setId("notice");
        note.textProperty().bind(Bindings.createStringBinding(() -> model.packets().message().get() != null
                ? model.packets().message().get() : model.notice().get(), model.packets().message(), model.notice()));
        note.getStyleClass().add("status-notice");
        note.setMinWidth(0);
        Label work = new Label();
        work.setId("work");
        work.textProperty().bind(model.work());
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.progressProperty().bind(model.progress());
        bar.setPrefWidth(180);
        bar.visibleProperty().bind(model.busy());
        bar.managedProperty().bind(model.busy());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.visibleProperty().bind(model.busy());
        cancel.managedProperty().bind(model.busy());
        cancel.setOnAction(e -> model.cancel());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        status.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(12, status, selection, note, spring, work, bar, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(3, 8, 3, 8));
        box.getStyleClass().add("status-bar");
        return box;
    }

    private void chooseCaptures() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open captures");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Captures", "*.pcap", "*.pcapng", "*.cap", "*.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(stage);
        if (files != null && !files.isEmpty()) {
            model.open(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseSnapshot() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a VPC snapshot (a directory of describe-*.json files)");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            openSnapshot(dir.toPath());
        }
    }

    /** Loads a VPC snapshot into the reachability and access views and shows the path view. */
    public void openSnapshot(Path dir) {
        reach.loadSnapshot(dir);
        showView("reach");
    }

    public ReachViewModel reach() {
        return reach;
    }

    /** The selected flow (Flows view) or the selected packet's 5-tuple, as a question for the path view. */
    void explainFlow() {
        if ("flows".equals(currentView())) {
            FlowRow f = flowsView.table().getSelectionModel().getSelectedItem();
            if (f != null) {
                reach.explain(f);
                showView("reach");
                return;
            }
        } else {
            PacketItem p = packetsView.table().getSelectionModel().getSelectedItem();
            if (p != null && p.row() != null && p.row().proto() != null) {
                var r = p.row();
                reach.prefill(r.src(), r.sport(), r.dst(), r.dport(), r.proto());
                showView("reach");
                return;
            }
        }
        alert(Alert.AlertType.INFORMATION, "Explain This Flow", "Select a flow or an IP packet first.");
    }

    private void chooseSession() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a session directory");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            model.openSession(dir.toPath());
        }
    }

    private void saveSession() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Save the session in a new or empty directory");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            model.saveSessionAs(dir.toPath());
        }
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (String p : model.recent()) {
            Path path = Path.of(p);
            String name = path.getFileName() == null ? p : path.getFileName().toString();
            MenuItem m = new MenuItem(name + "   —   " + (path.getParent() == null ? "" : path.getParent()));
            m.setMnemonicParsing(false);
            m.setOnAction(e -> {
                if (!Files.exists(path)) {
                    alert(Alert.AlertType.ERROR, "Mirrorscope could not do that", p + ": no longer there");
                    return;
                }
                openPaths(List.of(path));
            });
            recent.getItems().add(m);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent captures or sessions");
            none.setDisable(true);
            recent.getItems().add(none);
        } else {
            recent.getItems().addAll(new SeparatorMenuItem(), item("Clear Recent", null, model::forgetRecent));
        }
    }

    private void goToPacket() {
        showView("packets");
        TextInputDialog d = new TextInputDialog();
        d.setTitle("Go to packet");
        d.setHeaderText(String.format(Locale.ROOT, "Packet number (1 to %,d)", model.packets().total().get()));
        d.initOwner(stage);
        d.getDialogPane().getStylesheets().setAll(model.theme().get().stylesheets());
        Optional<String> answer = d.showAndWait();
        answer.map(s -> s.replace(",", "").replace("_", "").trim()).ifPresent(s -> {
            try {
                model.packets().goTo(Long.parseLong(s));
            } catch (NumberFormatException e) {
                alert(Alert.AlertType.ERROR, "Not a packet number", "\"" + s + "\" is not a number.");
            }
        });
    }

    private void showAllPackets() {
        flowsView.clearSelection();
        model.packets().clearFlows();
        model.filter().clear();
    }

    private void exportPackets() {
        List<Integer> selected = packetsView.selectedRows();
        long shown = model.packets().displayed().get();
        String displayed = String.format(Locale.ROOT, "Displayed packets (%,d)", shown);
        String chosen = String.format(Locale.ROOT, "Selected packets (%,d)", selected.size());
        boolean onlySelected = false;
        if (!selected.isEmpty() && selected.size() < shown) {
            ChoiceDialog<String> which = new ChoiceDialog<>(chosen, chosen, displayed);
            which.setTitle("Export packets");
            which.setHeaderText("Which packets go into the pcapng file?");
            which.initOwner(stage);
            which.getDialogPane().getStylesheets().setAll(model.theme().get().stylesheets());
            Optional<String> answer = which.showAndWait();
            if (answer.isEmpty()) {
                return;
            }
            onlySelected = answer.get().equals(chosen);
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export packets as pcapng");
        chooser.setInitialFileName("packets.pcapng");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("pcapng", "*.pcapng"));
        File out = chooser.showSaveDialog(stage);
        if (out != null) {
            model.exportPackets(onlySelected ? model.packets().numbersOfRows(selected)
                    : model.packets().displayedNumbers(), out.toPath());
        }
    }

    private void exportCsv() {
        boolean flows = currentView().equals("flows");
        FileChooser chooser = new FileChooser();
        chooser.setTitle(flows ? "Export the flow table as CSV" : "Export the packet table as CSV");
        chooser.setInitialFileName(flows ? "flows.csv" : "packets.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File out = chooser.showSaveDialog(stage);
        if (out != null) {
            if (flows) {
                model.exportFlowsCsv(out.toPath());
            } else {
                model.exportPacketsCsv(out.toPath());
            }
        }
    }

    private void showShortcuts() {
        String text = String.join("\n",
                "Ctrl+O\tOpen captures (drop files on the window, too)",
                "Ctrl+Shift+O\tOpen a session directory",
                "Ctrl+N\tNew session",
                "Ctrl+S\tSave the session as a directory",
                "Ctrl+E\tExport packets as pcapng",
                "Ctrl+Shift+E\tExport the current table as CSV",
                "Ctrl+G\tGo to packet number (Ctrl+Home / Ctrl+End in the table: first / last packet)",
                "Ctrl+F\tDisplay filter (Enter applies, Esc clears, ↑/↓ history)",
                "Ctrl+Shift+A\tShow all packets (clear filter and flow selection)",
                "Ctrl+1 / 2 / 3 / 4\tPackets / Flows / Reachability / Access view",
                "Ctrl+Alt+4 / 6 / 1 / 7\tTime: since first / since previous / date and time / UTC",
                "Ctrl+Alt+Shift+T\tFollow the selected packet's or flow's TCP/UDP stream",
                "Ctrl+Shift+X\tExplain the selected flow with the VPC snapshot (Reachability view)",
                "Ctrl+Shift+V\tOpen a VPC snapshot",
                "Ctrl+Shift+D\tSwitch light/dark theme",
                "Ctrl+Q\tQuit");
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.CLOSE);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts (Cmd on macOS)");
        a.initOwner(stage);
        a.getDialogPane().getStylesheets().setAll(model.theme().get().stylesheets());
        a.show();
    }
}
