package dev.mirrorscope.app.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;

/** Table columns made from {@link ColumnSpec}s. */
public final class Tables {
    private Tables() {
    }

    /**
     * A column showing {@code spec}'s text, recomputed when any of {@code dependencies(row)} changes (a row
     * arriving, the time format), with the width remembered under {@code prefix.id}.
     */
    public static <T> TableColumn<T, String> column(String prefix, ColumnSpec<T> spec, ColumnWidths widths,
                                                    java.util.function.Function<T, javafx.beans.Observable[]> dependencies) {
        TableColumn<T, String> c = new TableColumn<>(spec.title());
        c.setId(prefix + "." + spec.id());
        Double w = widths.get(c.getId());
        c.setPrefWidth(w != null && w > 10 ? w : spec.width());
        if (spec.alignRight()) {
            c.getStyleClass().add("align-right");
        }
        c.setCellValueFactory(cd -> {
            T row = cd.getValue();
            if (row == null) {
                return null;
            }
            javafx.beans.Observable[] deps = dependencies.apply(row);
            if (deps.length == 0) {
                return new javafx.beans.property.ReadOnlyStringWrapper(spec.text().apply(row));
            }
            ObservableValue<String> v = Bindings.createStringBinding(() -> spec.text().apply(row), deps);
            return v;
        });
        return c;
    }
}
