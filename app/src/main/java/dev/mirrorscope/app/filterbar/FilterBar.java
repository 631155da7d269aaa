package dev.mirrorscope.app.filterbar;

import dev.mirrorscope.app.common.Icons;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.glyphfont.FontAwesome;

/**
 * The display-filter bar of the toolbar: the expression field (green when valid, red when not, with the
 * error's position and reason beside it), a history menu, Apply and Clear. Enter applies, Escape clears,
 * the arrow keys walk the history, and typing a field name offers completions in a popup.
 */
public final class FilterBar {
    private final FilterBarViewModel model;
    private final HBox root = new HBox(4);
    private final TextField field = new TextField();
    private final Label error = new Label();
    private final MenuButton history = new MenuButton();

    public FilterBar(FilterBarViewModel model) {
        this.model = model;
        field.setId("filter-field");
        field.setPromptText("Display filter, e.g.  tcp.port == 443 && ip.addr == 10.0.0.0/8");
        field.textProperty().bindBidirectional(model.text());
        field.setPrefColumnCount(40);
        HBox.setHgrow(field, Priority.ALWAYS);
        model.state().addListener((o, was, now) -> style(now));
        model.applying().addListener((o, was, now) -> style(model.state().get()));
        style(model.state().get());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.apply();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                model.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.UP && !e.isShortcutDown()) {
                model.historyOlder();
                field.end();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN && !e.isShortcutDown()) {
                model.historyNewer();
                field.end();
                e.consume();
            }
        });
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.error());
        model.error().addListener((o, was, now) -> field.setTooltip(now == null ? null : tip));
        error.setId("filter-error");
        error.textProperty().bind(model.error());
        error.getStyleClass().add("filter-error");
        error.visibleProperty().bind(model.error().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        error.setMaxWidth(420);
        history.setId("filter-history");
        history.setTooltip(new Tooltip("Recent display filters"));
        history.getStyleClass().add("filter-history");
        history.setOnShowing(e -> rebuildHistory());
        history.setGraphic(Icons.of(FontAwesome.Glyph.HISTORY));
        Button apply = new Button("Apply", Icons.of(FontAwesome.Glyph.FILTER));
        apply.setId("filter-apply");
        apply.setOnAction(e -> model.apply());
        apply.setTooltip(new Tooltip("Apply the display filter (Enter)"));
        Button clear = new Button("Clear", Icons.of(FontAwesome.Glyph.TIMES));
        clear.setId("filter-clear");
        clear.setOnAction(e -> model.clear());
        clear.setTooltip(new Tooltip("Show every packet (Escape in the field)"));
        root.getChildren().addAll(field, history, apply, clear, error);
        root.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(root, Priority.ALWAYS);
        try {
            new FieldCompletion(field, model);
        } catch (IllegalAccessError | RuntimeException e) {
            // Without --add-exports javafx.base/com.sun.javafx.event=ALL-UNNAMED (the launcher passes it)
            // ControlsFX cannot build its popup: the bar works, without completion.
            System.err.println("mirrorscope: display-filter completion is off: " + e);
        }
    }

    public Node root() {
        return root;
    }

    public TextField field() {
        return field;
    }

    private void style(FilterBarViewModel.State s) {
        field.getStyleClass().removeAll("filter-valid", "filter-invalid", "filter-applying");
        switch (s) {
            case VALID -> field.getStyleClass().add(model.applying().get() ? "filter-applying" : "filter-valid");
            case INVALID -> field.getStyleClass().add("filter-invalid");
            default -> { }
        }
    }

    private void rebuildHistory() {
        history.getItems().clear();
        if (model.history().isEmpty()) {
            MenuItem none = new MenuItem("No filters applied yet");
            none.setDisable(true);
            history.getItems().add(none);
            return;
        }
        for (String f : model.history()) {
            MenuItem item = new MenuItem(f);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                model.text().set(f);
                model.apply();
            });
            history.getItems().add(item);
        }
    }

    /**
     * ControlsFX's completion popup over the filter field: suggestions complete the word before the
     * caret, not the whole text. The popup's suggestion request runs off the UI thread, so it works on
     * the text and caret captured when the text changed.
     */
    private static final class FieldCompletion extends AutoCompletionBinding<String> {
        private final TextField field;

        FieldCompletion(TextField field, FilterBarViewModel model) {
            this(field, model, new AtomicInteger());
        }

        private FieldCompletion(TextField field, FilterBarViewModel model, AtomicInteger caret) {
            super(field, request -> {
                String text = request.getUserText();
                List<String> out = model.suggestions(text, Math.min(caret.get(), text.length()));
                return request.isCancelled() ? List.<String>of() : out;
            }, new StringConverter<>() {
                @Override
                public String toString(String s) {
                    return s;
                }

                @Override
                public String fromString(String s) {
                    return s;
                }
            });
            this.field = field;
            setVisibleRowCount(12);
            setDelay(120);
            // The popup would complete its first suggestion on Enter; Enter applies the filter as typed
            // unless a suggestion was picked with the arrow keys. Tab completes the highlighted one.
            boolean[] picked = {false};
            getAutoCompletionPopup().setOnShowing(e -> picked[0] = false);
            getAutoCompletionPopup().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                switch (e.getCode()) {
                    case UP, DOWN -> picked[0] = true;
                    case ENTER -> {
                        if (!picked[0]) {
                            e.consume();
                            hidePopup();
                            model.apply();
                        }
                    }
                    case TAB -> {
                        String s = highlighted();
                        e.consume();
                        if (s != null) {
                            completeUserInput(s);
                        }
                        hidePopup();
                    }
                    default -> { }
                }
            });
            field.textProperty().addListener((o, was, now) -> {
                if (field.isFocused()) {
                    // The caret moves after the text has changed: read both once this change is done.
                    Platform.runLater(() -> {
                        caret.set(field.getCaretPosition());
                        setUserInput(field.getText());
                    });
                }
            });
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    hidePopup();
                }
            });
        }

        @SuppressWarnings("unchecked")
        private String highlighted() {
            if (getAutoCompletionPopup().getSkin() != null
                    && getAutoCompletionPopup().getSkin().getNode() instanceof javafx.scene.control.ListView<?> list) {
                return (String) list.getSelectionModel().getSelectedItem();
            }
            return null;
        }

        @Override
        protected void completeUserInput(String name) {
            FilterBarViewModel.Completion c = FilterBarViewModel.complete(field.getText(), field.getCaretPosition(),
                    name);
            field.setText(c.text());
            field.positionCaret(c.caret());
        }

        @Override
        public void dispose() {
        }
    }
}
