package dev.mirrorscope.app.details;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.dissect.Dissection;
import dev.mirrorscope.engine.dissect.ProtocolNode;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.geometry.Orientation;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The packet details: the protocol tree of one packet over its bytes in hex and ASCII. Selecting a line
 * highlights its bytes; clicking a byte selects the deepest line over it. {@link #show(long)} loads in the
 * background through the {@link UiTaskExecutor}. Lines that were open stay open from packet to packet,
 * and the field selected last is selected again, as in Wireshark.
 */
public final class PacketDetailsPane extends BorderPane {
    private static final String STYLESHEET = Objects.requireNonNull(
            PacketDetailsPane.class.getResource("/dev/mirrorscope/app/details/details.css")).toExternalForm();

    private final PacketDetailsViewModel model;
    final TreeView<ProtocolNode> tree = new TreeView<>();
    final HexView hex;
    private final Map<ProtocolNode, TreeItem<ProtocolNode>> items = new IdentityHashMap<>();
    /** Lines the user opened, by their path of fields and labels: kept open for the next packets. */
    private final Set<String> expanded = new HashSet<>();
    private boolean updating;

    public PacketDetailsPane(PacketDetailsLoader loader, UiTaskExecutor tasks) {
        this(new PacketDetailsViewModel(loader, tasks));
    }

    public PacketDetailsPane(PacketDetailsViewModel model) {
        this.model = model;
        getStyleClass().add("packet-details");
        getStylesheets().add(STYLESHEET);
        hex = new HexView(model, model::selectByte);
        tree.setShowRoot(false);
        tree.getStyleClass().add("details-tree");
        tree.setCellFactory(t -> new NodeCell());
        tree.setRoot(new TreeItem<>());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (!updating) {
                model.select(item == null ? null : item.getValue());
            }
        });
        tree.setContextMenu(contextMenu());
        SplitPane split = new SplitPane(tree, hex);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setCenter(split);
        setBottom(footer());
        model.dissection().addListener((obs, old, d) -> rebuild(d));
        model.selectedPath().addListener((obs, old, path) -> reveal(path));
        model.highlightStart().addListener((obs, old, v) -> hex.highlightChanged());
        model.highlightLength().addListener((obs, old, v) -> hex.highlightChanged());
        model.protocolStart().addListener((obs, old, v) -> hex.refresh());
    }

    /** Shows packet {@code packetNo} (session numbering) once it has been read, off the FX thread. */
    public void show(long packetNo) {
        model.show(packetNo);
    }

    public void clear() {
        model.clear();
    }

    public PacketDetailsViewModel viewModel() {
        return model;
    }

    private HBox footer() {
        Label field = new Label();
        field.textProperty().bind(model.fieldInfo());
        field.getStyleClass().add("details-field-info");
        Label status = new Label();
        status.textProperty().bind(model.status());
        status.getStyleClass().add("details-status");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(model.loading());
        busy.managedProperty().bind(model.loading());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox box = new HBox(8, field, spring, busy, status);
        box.getStyleClass().addAll("status-bar", "details-footer");
        return box;
    }

    private ContextMenu contextMenu() {
        MenuItem copyLine = new MenuItem("Copy line");
        copyLine.setOnAction(e -> copy(selectedLabel()));
        MenuItem copyValue = new MenuItem("Copy value");
        copyValue.setOnAction(e -> {
            ProtocolNode n = model.selected().get();
            copy(n == null || n.value() == null ? "" : n.value());
        });
        MenuItem copyField = new MenuItem("Copy field name");
        copyField.setOnAction(e -> {
            ProtocolNode n = model.selected().get();
            copy(n == null || n.field() == null ? "" : n.field());
        });
        MenuItem copyBytes = new MenuItem("Copy bytes as hex dump");
        copyBytes.setOnAction(e -> copy(HexDump.text(hex.bytes())));
        MenuItem expandAll = new MenuItem("Expand all");
        expandAll.setOnAction(e -> setExpandedAll(tree.getRoot(), true));
        MenuItem collapseAll = new MenuItem("Collapse all");
        collapseAll.setOnAction(e -> setExpandedAll(tree.getRoot(), false));
        return new ContextMenu(copyLine, copyValue, copyField, copyBytes, expandAll, collapseAll);
    }

    private String selectedLabel() {
        ProtocolNode n = model.selected().get();
        return n == null ? "" : n.label();
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private void setExpandedAll(TreeItem<ProtocolNode> item, boolean open) {
        for (TreeItem<ProtocolNode> c : item.getChildren()) {
            c.setExpanded(open);
            setExpandedAll(c, open);
        }
    }

    private void rebuild(Dissection d) {
        updating = true;
        try {
            items.clear();
            TreeItem<ProtocolNode> root = new TreeItem<>();
            if (d != null) {
                for (ProtocolNode n : d.roots()) {
                    root.getChildren().add(item(n, ""));
                }
            }
            tree.setRoot(root);
            hex.setBytes(d == null ? null : d.bytes());
            hex.highlightChanged();
        } finally {
            updating = false;
        }
        reveal(model.selectedPath().get());
    }

    private TreeItem<ProtocolNode> item(ProtocolNode n, String parentKey) {
        TreeItem<ProtocolNode> item = new TreeItem<>(n);
        items.put(n, item);
        String key = parentKey + "/" + (n.field() != null ? n.field() : shortLabel(n));
        for (ProtocolNode c : n.children()) {
            item.getChildren().add(item(c, key));
        }
        item.setExpanded(expanded.contains(key));
        item.expandedProperty().addListener((obs, was, open) -> {
            if (open) {
                expanded.add(key);
            } else {
                expanded.remove(key);
            }
        });
        return item;
    }

    /** A label without its value ("Queries", "Extension: server_name"), to recognise the line in the next packet. */
    private static String shortLabel(ProtocolNode n) {
        String l = n.label();
        int colon = l.indexOf(':');
        return colon > 0 ? l.substring(0, colon) : l;
    }

    /** Opens the lines down to the selected one and selects it, as a click on a byte asks. */
    private void reveal(List<ProtocolNode> path) {
        if (path == null || path.isEmpty()) {
            if (!updating) {
                updating = true;
                tree.getSelectionModel().clearSelection();
                updating = false;
            }
            return;
        }
        TreeItem<ProtocolNode> target = items.get(path.get(path.size() - 1));
        if (target == null) {
            return;
        }
        for (TreeItem<ProtocolNode> p = target.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        if (tree.getSelectionModel().getSelectedItem() != target) {
            updating = true;
            try {
                tree.getSelectionModel().select(target);
            } finally {
                updating = false;
            }
            int row = tree.getRow(target);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        }
    }

    /** One line of the tree, styled by kind: protocol, computed value, expert. */
    private static final class NodeCell extends TreeCell<ProtocolNode> {
        private static final List<String> CLASSES = List.of("details-protocol", "details-generated", "details-expert",
                "details-expert-error", "details-expert-warning", "details-expert-note", "details-has-error");

        @Override
        protected void updateItem(ProtocolNode n, boolean empty) {
            super.updateItem(n, empty);
            getStyleClass().removeAll(CLASSES);
            if (empty || n == null) {
                setText(null);
                return;
            }
            setText(n.label());
            switch (n.kind()) {
                case PROTOCOL -> {
                    getStyleClass().add("details-protocol");
                    if (hasError(n)) {
                        getStyleClass().add("details-has-error");
                    }
                }
                case EXPERT -> {
                    getStyleClass().add("details-expert");
                    getStyleClass().add(switch (n.severity()) {
                        case ERROR -> "details-expert-error";
                        case WARNING -> "details-expert-warning";
                        default -> "details-expert-note";
                    });
                }
                case FIELD -> {
                    if (n.length() == 0 && !"frame".equals(n.field())) {
                        getStyleClass().add("details-generated");
                    }
                }
                default -> {
                }
            }
        }

        private static boolean hasError(ProtocolNode n) {
            for (ProtocolNode c : n.children()) {
                if (c.kind() == ProtocolNode.Kind.EXPERT && c.severity() == ProtocolNode.Severity.ERROR) {
                    return true;
                }
            }
            return false;
        }
    }
}
