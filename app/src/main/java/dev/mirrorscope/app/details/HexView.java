package dev.mirrorscope.app.details;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;

/**
 * The bytes pane: rows of 16 bytes in hex and ASCII. Rows are a virtualized list, so a 9,000-byte jumbo
 * frame costs no more than the rows in view. A click on a byte reports its offset; highlighted bytes are
 * styled by CSS class (hex-selected, hex-protocol), never by inline colours.
 */
final class HexView extends ListView<Integer> {
    private final PacketDetailsViewModel model;
    private final IntConsumer onByte;
    private byte[] bytes = new byte[0];

    HexView(PacketDetailsViewModel model, IntConsumer onByte) {
        this.model = model;
        this.onByte = onByte;
        getStyleClass().add("hex-view");
        setFocusTraversable(true);
        setFixedCellSize(18);
        setCellFactory(v -> new RowCell());
        setPlaceholder(new Label(""));
    }

    void setBytes(byte[] b) {
        bytes = b != null ? b : new byte[0];
        ObservableList<Integer> rows = FXCollections.observableArrayList();
        for (int r = 0; r < HexDump.rows(bytes.length); r++) {
            rows.add(r);
        }
        setItems(rows);
    }

    byte[] bytes() {
        return bytes;
    }

    /** Restyles the rows in view and brings the first highlighted byte into view. */
    void highlightChanged() {
        refresh();
        int start = model.highlightStart().get();
        if (start >= 0 && start < bytes.length) {
            scrollIntoView(HexDump.rowOf(start));
        }
    }

    private void scrollIntoView(int row) {
        // ListView.scrollTo puts the row at the top; only scroll when it is out of view.
        javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>) lookup(".virtual-flow");
        if (flow == null || flow.getFirstVisibleCell() == null || flow.getLastVisibleCell() == null
                || row < flow.getFirstVisibleCell().getIndex() || row > flow.getLastVisibleCell().getIndex()) {
            scrollTo(Math.max(0, row - 1));
        }
    }

    private final class RowCell extends ListCell<Integer> {
        private final Label offset = new Label();
        private final List<Label> hex = new ArrayList<>();
        private final List<Label> ascii = new ArrayList<>();
        private final HBox box;

        RowCell() {
            getStyleClass().add("hex-row");
            offset.getStyleClass().add("hex-offset");
            HBox hexBox = new HBox();
            HBox asciiBox = new HBox();
            hexBox.getStyleClass().add("hex-bytes");
            asciiBox.getStyleClass().add("hex-ascii");
            for (int i = 0; i < HexDump.BYTES_PER_ROW; i++) {
                Label h = byteLabel(i, "hex-byte");
                Label a = byteLabel(i, "hex-char");
                hex.add(h);
                ascii.add(a);
                if (i == HexDump.BYTES_PER_ROW / 2) {
                    Label spacer = new Label(" ");
                    spacer.getStyleClass().add("hex-spacer");
                    hexBox.getChildren().add(spacer);
                }
                hexBox.getChildren().add(h);
                asciiBox.getChildren().add(a);
            }
            box = new HBox(offset, hexBox, asciiBox);
            box.getStyleClass().add("hex-line");
            box.setAlignment(Pos.CENTER_LEFT);
            setText(null);
        }

        private Label byteLabel(int column, String styleClass) {
            Label l = new Label();
            l.getStyleClass().add(styleClass);
            l.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && getItem() != null) {
                    int at = getItem() * HexDump.BYTES_PER_ROW + column;
                    if (at < bytes.length) {
                        onByte.accept(at);
                    }
                }
            });
            return l;
        }

        @Override
        protected void updateItem(Integer row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            offset.setText(HexDump.offset(row));
            for (int i = 0; i < HexDump.BYTES_PER_ROW; i++) {
                int at = row * HexDump.BYTES_PER_ROW + i;
                boolean present = at < bytes.length;
                hex.get(i).setText(present ? HexDump.hex(bytes[at]) : "  ");
                ascii.get(i).setText(present ? String.valueOf(HexDump.ascii(bytes[at])) : " ");
                style(hex.get(i), present, at);
                style(ascii.get(i), present, at);
                hex.get(i).setUserData(present ? at : null);
                ascii.get(i).setUserData(present ? at : null);
            }
            setGraphic(box);
        }

        private void style(Label l, boolean present, int at) {
            l.getStyleClass().removeAll("hex-selected", "hex-protocol");
            if (!present) {
                return;
            }
            if (model.highlighted(at)) {
                l.getStyleClass().add("hex-selected");
            } else if (model.inProtocol(at)) {
                l.getStyleClass().add("hex-protocol");
            }
        }
    }
}
