package dev.mirrorscope.app.packets;

import dev.mirrorscope.app.common.ColumnSpec;
import dev.mirrorscope.app.common.ColumnWidths;
import dev.mirrorscope.app.common.Tables;
import java.time.ZoneId;
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
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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
    private final Label placeholder = new Label();
    private final Button showAll = new Button("Show all packets");
    private LongConsumer details;

    public PacketsView(PacketsViewModel model, ColumnWidths widths) {
        this.model = model;
        buildTable(widths);
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().add(table);
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
        table.setItems(model.table().get());
        model.timeFormat().addListener(o -> table.refresh());
        model.table().addListener(o -> table.setItems(model.table().get()));
        InvalidationListener selection = o -> reportSelection();
        table.getSelectionModel().getSelectedIndices().addListener((ListChangeListener<Integer>) c -> reportSelection());
        table.getFocusModel().focusedIndexProperty().addListener(selection);
        model.reveal().addListener((o, was, r) -> {
            if (r == null || r.index() >= table.getItems().size()) {
                return;
            }
            table.getSelectionModel().clearAndSelect(r.index());
            table.getFocusModel().focus(r.index());
            int visible = (int) Math.max(1, table.getHeight() / ROW_HEIGHT - 2);
            table.scrollTo(Math.max(0, r.index() - visible / 2));
            table.requestFocus();
        });
    }

    private void reportSelection() {
        int focused = table.getSelectionModel().getSelectedIndices().isEmpty() ? -1
                : table.getFocusModel().getFocusedIndex();
        model.selected(focused, table.getSelectionModel().getSelectedIndices().size());
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
