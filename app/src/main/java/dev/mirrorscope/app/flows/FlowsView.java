package dev.mirrorscope.app.flows;

import dev.mirrorscope.app.common.ColumnSpec;
import dev.mirrorscope.app.common.ColumnWidths;
import dev.mirrorscope.app.common.Tables;
import dev.mirrorscope.engine.FlowRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The flows view: a quick filter over the flows, the number shown, and the sortable flow table whose
 * selection restricts the packet table to the selected flows' packets.
 */
public final class FlowsView {
    private final FlowsViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<FlowRow> table = new TableView<>();
    private final TextField quickFilter = new TextField();
    private final Button showPackets = new Button("Show their packets",
            dev.mirrorscope.app.common.Icons.of(org.controlsfx.glyphfont.FontAwesome.Glyph.LIST));
    private final Label placeholder = new Label();
    private final Map<TableColumn<FlowRow, ?>, ColumnSpec<FlowRow>> specs = new java.util.HashMap<>();
    private Runnable onShowPackets = () -> { };

    public FlowsView(FlowsViewModel model, ColumnWidths widths) {
        this.model = model;
        quickFilter.setId("flow-filter");
        quickFilter.setPromptText("Filter flows: addresses, ports, protocol, TCP state, VNI (all words must match)");
        quickFilter.textProperty().bindBidirectional(model.quickFilter());
        HBox.setHgrow(quickFilter, Priority.ALWAYS);
        quickFilter.setMaxWidth(560);
        Label count = new Label();
        count.textProperty().bind(model.summary());
        count.getStyleClass().add("flow-count");
        showPackets.setDisable(true);
        HBox bar = new HBox(10, quickFilter, count, new javafx.scene.layout.Region(), showPackets);
        HBox.setHgrow(bar.getChildren().get(2), Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(5, 8, 5, 8));
        bar.getStyleClass().add("view-bar");
        buildTable(widths);
        root.setTop(bar);
        root.setCenter(table);
    }

    public Node root() {
        return root;
    }

    public TableView<FlowRow> table() {
        return table;
    }

    public TextField quickFilter() {
        return quickFilter;
    }

    public Label placeholder() {
        return placeholder;
    }

    /** What "Show their packets", a double click and Enter do: switch to the packet view. */
    public void setOnShowPackets(Runnable action) {
        showPackets.setOnAction(e -> action.run());
        onShowPackets = action;
    }

    /** Reset flows in the packet table's RST colour, refused ones in its SYN grey. */
    private final class FlowRowCell extends TableRow<FlowRow> {
        private String shown;

        FlowRowCell() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !isEmpty()) {
                    onShowPackets.run();
                }
            });
        }

        @Override
        protected void updateItem(FlowRow f, boolean empty) {
            super.updateItem(f, empty);
            String want = empty || f == null || f.tcpState() == null ? null : switch (f.tcpState()) {
                case "reset" -> "row-rst";
                case "refused", "syn_only" -> "row-syn";
                default -> null;
            };
            if (!java.util.Objects.equals(want, shown)) {
                if (shown != null) {
                    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(shown), false);
                }
                if (want != null) {
                    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(want), true);
                }
                shown = want;
            }
        }
    }

    /** Clears the selection (the packet view's "Show all packets"). */
    public void clearSelection() {
        table.getSelectionModel().clearSelection();
    }

    private void buildTable(ColumnWidths widths) {
        table.setId("flow-table");
        table.setFixedCellSize(22);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(placeholder);
        for (ColumnSpec<FlowRow> spec : FlowColumns.all(model::sessionStartNs)) {
            TableColumn<FlowRow, String> c = Tables.column("flows", spec, widths, f -> new Observable[0]);
            specs.put(c, spec);
            table.getColumns().add(c);
        }
        table.setItems(model.shown());
        table.setRowFactory(t -> new FlowRowCell());
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && !table.getSelectionModel().isEmpty()) {
                onShowPackets.run();
                e.consume();
            }
        });
        // Sorting runs in the view model's background work, not in the table on the UI thread.
        table.setSortPolicy(t -> {
            model.sort(comparator());
            return true;
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<FlowRow>) c -> {
            List<FlowRow> selected = new ArrayList<>(table.getSelectionModel().getSelectedItems());
            selected.removeIf(java.util.Objects::isNull);
            showPackets.setDisable(selected.isEmpty());
            model.selected(selected);
        });
    }

    private Comparator<FlowRow> comparator() {
        Comparator<FlowRow> out = null;
        for (TableColumn<FlowRow, ?> c : table.getSortOrder()) {
            ColumnSpec<FlowRow> spec = specs.get(c);
            if (spec == null) {
                continue;
            }
            Comparator<FlowRow> one = spec.comparator();
            if (c.getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            out = out == null ? one : out.thenComparing(one);
        }
        return out;
    }
}
