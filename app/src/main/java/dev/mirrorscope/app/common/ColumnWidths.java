package dev.mirrorscope.app.common;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Where tables remember their column widths between runs, by column id ("packets.source"). */
public interface ColumnWidths {
    Double get(String id);

    void put(String id, double width);

    ColumnWidths NONE = new ColumnWidths() {
        @Override
        public Double get(String id) {
            return null;
        }

        @Override
        public void put(String id, double width) {
        }
    };

    /** Records the current widths of {@code table}'s columns, whose ids are {@code prefix.columnId}. */
    static void save(ColumnWidths widths, TableView<?> table) {
        for (TableColumn<?, ?> c : table.getColumns()) {
            if (c.getId() != null) {
                widths.put(c.getId(), c.getWidth());
            }
        }
    }
}
