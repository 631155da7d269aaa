package dev.mirrorscope.app.packets;

import dev.mirrorscope.app.common.ColumnSpec;
import dev.mirrorscope.app.common.ColumnWidths;
import dev.mirrorscope.app.common.Tables;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The packet view: a bar saying what restricts the rows (when something does), the virtual packet
 * table, and below it, once {@link #setDetails} has been given one, the packet details component.
 */
public final class PacketsView {
    /** Row height: fixed, so the table never measures rows (ten million of them). */
    static final double ROW_HEIGHT = 22;
    /** Share of the height the table keeps when details are shown. */
    static final double TABLE_SHARE = 0.58;

    private final PacketsViewModel model;
    private final BorderPane root = new BorderPane();
    private final SplitPane split = new SplitPane();
    private final TableView<PacketItem> table = new TableView<>();
    /** Position over the whole model; the table's own scroll bar covers only its window and is hidden. */
    private final ScrollBar rows = new ScrollBar();
    private PacketTableWindow window;
    private VirtualFlow<?> flow;
    private boolean syncing;
    private final Label placeholder = new Label();
    private final Button showAll = new Button("Show all packets");
    private LongConsumer details;

    public PacketsView(PacketsViewModel model, ColumnWidths widths) {
        this.model = model;
        buildTable(widths);
        split.setOrientation(Orientation.VERTICAL);
        rows.setOrientation(Orientation.VERTICAL);
        rows.setId("packet-rows");
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox tableAndBar = new HBox(table, rows);
        tableAndBar.getStyleClass().add("packet-table-box");
        split.getItems().add(tableAndBar);
        root.setTop(restrictionBar());
        root.setCenter(split);
        model.selectedPacket().addListener((o, was, now) -> {
            if (details != null && now.longValue() > 0) {
                details.accept(now.longValue());
            }
        });
    }

    public Node root() {
        return root;
    }

    public TableView<PacketItem> table() {
        return table;
    }

    /** The table's empty-state text. */
    public Label placeholder() {
        return placeholder;
    }

    /** What "Show all packets" does (clear the filter and the flow selection); set by the window. */
    public void setOnShowAll(Runnable action) {
        showAll.setOnAction(e -> action.run());
    }

    /**
     * Places the packet details component under the table and tells it the number of each packet
     * selected from now on (1-based session numbers, as {@link PacketItem#no()}), starting with the
     * current one. Replaces an earlier component; null removes it.
     */
    public void setDetails(Node component, LongConsumer showPacket) {
        if (split.getItems().size() > 1) {
            split.getItems().remove(1, split.getItems().size());
        }
        details = component == null ? null : showPacket;
        if (component != null) {
            split.getItems().add(component);
            split.setDividerPositions(TABLE_SHARE);
            SplitPane.setResizableWithParent(component, false);
            long now = model.selectedPacket().get();
            if (now > 0 && showPacket != null) {
                showPacket.accept(now);
            }
        }
    }

    private Node restrictionBar() {
        Label what = new Label();
        what.textProperty().bind(model.restriction());
        what.getStyleClass().add("restriction-text");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(10, what, spring, showAll);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.getStyleClass().add("restriction-bar");
        bar.visibleProperty().bind(model.restriction().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private void buildTable(ColumnWidths widths) {
        table.setId("packet-table");
        table.setFixedCellSize(ROW_HEIGHT);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // Info takes whatever width the other columns leave, as in a packet list.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(placeholder);
        for (ColumnSpec<PacketItem> spec : PacketColumns.all(model.timeFormat()::get, ZoneId.systemDefault())) {
            // Rows already read get plain text; rows being read follow their item until it arrives.
            TableColumn<PacketItem, String> c = Tables.column("packets", spec, widths,
                    p -> p.ready() ? new Observable[0] : new Observable[] {p.readyProperty()});
            c.setSortable(false);
            table.getColumns().add(c);
        }
        table.setRowFactory(t -> new PacketRowCell());
        showWindow(new PacketTableWindow(model.table().get(), 0));
        model.timeFormat().addListener(o -> table.refresh());
        model.table().addListener(o -> showWindow(new PacketTableWindow(model.table().get(), 0)));
        model.table().get().addListener((ListChangeListener<PacketItem>) c -> updateBar());
        model.table().addListener((o, was, now) -> now.addListener((ListChangeListener<PacketItem>) c -> updateBar()));
        InvalidationListener selection = o -> reportSelection();
        table.getSelectionModel().getSelectedIndices().addListener((ListChangeListener<Integer>) c -> reportSelection());
        table.getFocusModel().focusedIndexProperty().addListener(selection);
        model.reveal().addListener((o, was, r) -> {
            if (r != null && r.index() < model.table().get().size()) {
                reveal(r.index());
            }
        });
        table.skinProperty().addListener((o, was, skin) -> hookFlow());
        // Home and End of the whole session, not of the table's window.
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            int n = model.table().get().size();
            if (n > 0 && e.isShortcutDown() && (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END)) {
                reveal(e.getCode() == KeyCode.HOME ? 0 : n - 1);
                e.consume();
            }
        });
        table.heightProperty().addListener(o -> updateBar());
        rows.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                scrollToRow((int) Math.round(now.doubleValue()));
            }
        });
    }

    /** Rows of the whole model above the first visible one, and on screen. */
    private int firstVisible() {
        if (flow == null || flow.getFirstVisibleCell() == null) {
            return window.base();
        }
        return window.base() + flow.getFirstVisibleCell().getIndex();
    }

    private int visibleRows() {
        return (int) Math.max(1, (table.getHeight() - 28) / ROW_HEIGHT);
    }

    private void hookFlow() {
        flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        if (flow != null) {
            flow.positionProperty().addListener(o -> followFlow());
        }
    }

    /** The table scrolled within its window: move the bar, and the window when near its ends. */
    private void followFlow() {
        if (syncing) {
            return;
        }
        int first = firstVisible();
        int margin = Math.min(PacketTableWindow.SIZE / 4, 4 * visibleRows());
        if (!window.holds(first, margin) || !window.holds(first + visibleRows(), margin)) {
            scrollToRow(first);
            return;
        }
        updateBar();
    }

    /** Shows model row {@code index} at the top, moving the window when it is not well inside it. */
    private void scrollToRow(int index) {
        PacketTableModel m = model.table().get();
        int target = Math.max(0, Math.min(index, m.size() - 1));
        int margin = Math.min(PacketTableWindow.SIZE / 4, 4 * visibleRows());
        if (!window.holds(target, margin) || !window.holds(Math.min(m.size() - 1, target + visibleRows()), margin)) {
            int focused = focusedRow();
            showWindow(PacketTableWindow.around(m, target));
            if (focused >= 0 && focused - window.base() >= 0 && focused - window.base() < window.size()) {
                table.getSelectionModel().clearAndSelect(focused - window.base());
                table.getFocusModel().focus(focused - window.base());
            }
        }
        syncing = true;
        try {
            if (flow != null) {
                flow.scrollToTop(target - window.base());
            } else {
                table.scrollTo(target - window.base());
            }
        } finally {
            syncing = false;
        }
        updateBar();
    }

    /** Selects model row {@code index} and shows it in the middle of the table. */
    private void reveal(int index) {
        scrollToRow(Math.max(0, index - visibleRows() / 2));
        int local = index - window.base();
        table.getSelectionModel().clearAndSelect(local);
        table.getFocusModel().focus(local);
        table.requestFocus();
    }

    private int focusedRow() {
        int f = table.getFocusModel().getFocusedIndex();
        return f < 0 || table.getSelectionModel().getSelectedIndices().isEmpty() ? -1 : window.base() + f;
    }

    private void showWindow(PacketTableWindow w) {
        window = w;
        syncing = true;
        try {
            table.setItems(w);
        } finally {
            syncing = false;
        }
        updateBar();
    }

    private void updateBar() {
        PacketTableModel m = model.table().get();
        int visible = visibleRows();
        syncing = true;
        try {
            rows.setMin(0);
            rows.setMax(Math.max(0, m.size() - visible));
            rows.setVisibleAmount(Math.min(visible, Math.max(1, m.size())));
            rows.setBlockIncrement(visible);
            rows.setUnitIncrement(3);
            rows.setValue(Math.min(rows.getMax(), firstVisible()));
        } finally {
            syncing = false;
        }
        rows.setDisable(m.size() <= visible);
    }

    /** Model rows of the selection (the table's are relative to its window), for an export. */
    public List<Integer> selectedRows() {
        List<Integer> out = new ArrayList<>(table.getSelectionModel().getSelectedIndices().size());
        for (Integer i : table.getSelectionModel().getSelectedIndices()) {
            out.add(window.base() + i);
        }
        return out;
    }

    /** Model rows currently drawn, for benchmarks: the first and how many. */
    public int firstVisibleRow() {
        return firstVisible();
    }

    private void reportSelection() {
        model.selected(focusedRow(), table.getSelectionModel().getSelectedIndices().size());
    }

    /** A row coloured by its packet, restyled when the packet arrives. */
    private static final class PacketRowCell extends TableRow<PacketItem> {
        private final javafx.beans.value.ChangeListener<Boolean> ready = (o, was, now) -> style();
        private final WeakChangeListener<Boolean> weakReady = new WeakChangeListener<>(ready);
        private PacketItem watched;
        private String shown;

        @Override
        protected void updateItem(PacketItem item, boolean empty) {
            super.updateItem(item, empty);
            if (watched != null) {
                watched.readyProperty().removeListener(weakReady);
                watched = null;
            }
            if (!empty && item != null && !item.ready()) {
                watched = item;
                item.readyProperty().addListener(weakReady);
            }
            style();
        }

        private void style() {
            PacketItem item = getItem();
            String want = item == null || isEmpty() ? null : item.ready() ? item.styleClass() : "row-loading";
            if (java.util.Objects.equals(want, shown)) {
                return;
            }
            // Pseudo-classes, not style classes: changing a style class makes CSS match the row's
            // selectors again, a pseudo-class only switches between states already matched.
            if (shown != null) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(shown), false);
            }
            if (want != null) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(want), true);
            }
            shown = want;
        }
    }
}
