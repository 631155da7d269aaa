package dev.mirrorscope.app.reach;

import dev.mirrorscope.engine.reach.analysis.EndpointChoice;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.StringProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;
import javafx.stage.Popup;

/**
 * A source or destination field that completes from the snapshot as one types: a list under the field shows
 * the matching instances, interfaces and internet gateways with their Name tags, addresses and VPC. Up and
 * Down move in the list, Enter or a click takes the highlighted one, Escape closes it; the arrow button lists
 * everything. Anything else typed (an address, an ID) is taken as it is.
 */
final class EndpointPicker extends HBox {
    private static final int ROWS = 9;
    private static final double CELL = 38;

    private final TextField field = new TextField();
    private final ListView<EndpointChoice> list = new ListView<>();
    private final Popup popup = new Popup();
    private final Function<String, List<EndpointChoice>> complete;
    private Runnable onEnter = () -> { };
    private boolean choosing;

    EndpointPicker(StringProperty text, Function<String, List<EndpointChoice>> complete, String prompt) {
        this.complete = complete;
        getStyleClass().add("endpoint-picker");
        field.getStyleClass().add("endpoint-field");
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(text);
        HBox.setHgrow(field, Priority.ALWAYS);
        Button all = new Button();
        SVGPath chevron = new SVGPath();
        chevron.setContent("M0 0L4.5 5L9 0");
        chevron.getStyleClass().add("picker-chevron");
        all.setGraphic(chevron);
        all.getStyleClass().add("picker-button");
        all.setFocusTraversable(false);
        all.setOnAction(e -> {
            field.requestFocus();
            if (popup.isShowing()) {
                popup.hide();
            } else {
                suggest("");
            }
        });
        getChildren().addAll(field, all);
        setAlignment(Pos.CENTER_LEFT);

        list.getStyleClass().add("endpoint-list");
        list.setCellFactory(v -> new ChoiceCell());
        list.setFixedCellSize(CELL);
        list.setFocusTraversable(false);
        list.setOnMouseClicked(e -> {
            EndpointChoice c = list.getSelectionModel().getSelectedItem();
            if (c != null) {
                choose(c);
            }
        });
        VBox box = new VBox(list);
        box.getStyleClass().addAll("reach-view", "endpoint-popup");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);

        field.textProperty().addListener((obs, was, now) -> {
            if (!choosing && field.isFocused()) {
                suggest(now);
            }
        });
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                popup.hide();
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case DOWN -> {
                    if (!popup.isShowing()) {
                        suggest(field.getText());
                    } else {
                        move(1);
                    }
                    e.consume();
                }
                case UP -> {
                    if (popup.isShowing()) {
                        move(-1);
                        e.consume();
                    }
                }
                case ENTER -> {
                    EndpointChoice c = popup.isShowing() ? list.getSelectionModel().getSelectedItem() : null;
                    e.consume();
                    if (c != null) {
                        choose(c);
                    } else {
                        popup.hide();
                        onEnter.run();
                    }
                }
                case ESCAPE -> {
                    if (popup.isShowing()) {
                        popup.hide();
                        e.consume();
                    }
                }
                case TAB -> popup.hide();
                default -> { }
            }
        });
    }

    TextField field() {
        return field;
    }

    /** What Enter does when no suggestion is highlighted: the view analyses. */
    void setOnEnter(Runnable r) {
        onEnter = r;
    }

    boolean isShowingSuggestions() {
        return popup.isShowing();
    }

    List<EndpointChoice> suggestions() {
        return List.copyOf(list.getItems());
    }

    private void suggest(String text) {
        List<EndpointChoice> found = complete.apply(text == null ? "" : text);
        list.getItems().setAll(found);
        if (found.isEmpty() || getScene() == null || getScene().getWindow() == null) {
            popup.hide();
            return;
        }
        list.getSelectionModel().clearSelection();
        list.setPrefHeight(Math.min(ROWS, found.size()) * CELL + 4);
        Bounds b = localToScreen(getBoundsInLocal());
        if (b == null) {
            return;
        }
        list.setPrefWidth(Math.max(b.getWidth(), 520));
        Scene owner = getScene();
        VBox box = (VBox) popup.getContent().get(0);
        box.getStylesheets().setAll(owner.getStylesheets());
        box.getStylesheets().addAll(ReachView.stylesheets());
        if (!popup.isShowing()) {
            popup.show(this, b.getMinX(), b.getMaxY() + 2);
        }
    }

    private void move(int by) {
        int n = list.getItems().size();
        if (n == 0) {
            return;
        }
        int i = list.getSelectionModel().getSelectedIndex();
        int next = i < 0 ? (by > 0 ? 0 : n - 1) : Math.floorMod(i + by, n);
        list.getSelectionModel().select(next);
        list.scrollTo(Math.max(0, next - ROWS / 2));
    }

    /** Takes a choice: the field shows its Name tag and ID. */
    void choose(EndpointChoice c) {
        choosing = true;
        try {
            field.setText(ReachViewModel.display(c));
            field.positionCaret(field.getText().length());
        } finally {
            choosing = false;
        }
        popup.hide();
    }

    /** Two lines: the Name tag (or the ID) with the kind, then the ID, addresses and VPC. */
    private static final class ChoiceCell extends ListCell<EndpointChoice> {
        private final Label name = new Label();
        private final Label kind = new Label();
        private final Label rest = new Label();
        private final VBox box;

        ChoiceCell() {
            name.getStyleClass().add("choice-name");
            kind.getStyleClass().add("choice-kind");
            rest.getStyleClass().add("choice-detail");
            HBox top = new HBox(8, name, kind);
            top.setAlignment(Pos.BASELINE_LEFT);
            box = new VBox(0, top, rest);
            // A cell as wide as the list, never wider: no horizontal scroll bar.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(EndpointChoice c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            name.setText(c.name() == null || c.name().isEmpty() ? c.id() : c.name());
            kind.setText(switch (c.kind()) {
                case INSTANCE -> "instance";
                case NETWORK_INTERFACE -> "network interface";
                case INTERNET_GATEWAY -> "internet gateway";
            });
            StringBuilder sb = new StringBuilder();
            if (c.name() != null && !c.name().isEmpty()) {
                sb.append(c.id());
            }
            if (!c.addresses().isEmpty()) {
                sb.append(sb.length() > 0 ? "  ·  " : "").append(String.join(", ", c.addresses()));
            }
            if (c.vpcId() != null) {
                sb.append(sb.length() > 0 ? "  ·  " : "").append(c.vpcId());
            }
            rest.setText(sb.toString());
            setGraphic(box);
            setText(null);
        }
    }
}
