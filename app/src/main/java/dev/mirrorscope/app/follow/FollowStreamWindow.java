package dev.mirrorscope.app.follow;

import dev.mirrorscope.app.common.UiTaskExecutor;
import java.io.File;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Follow Stream: one conversation's payload, each side in its own colour (A, the side that spoke first,
 * and B), as ASCII, a hex dump or raw hex; one side or both; copy and save. The lines are a virtualized
 * list, so a long conversation scrolls as easily as a short one. Loads in the background.
 */
public final class FollowStreamWindow {
    private static final String STYLESHEET = Objects.requireNonNull(
            FollowStreamWindow.class.getResource("/dev/mirrorscope/app/follow/follow.css")).toExternalForm();

    private final FollowStreamViewModel model;
    private final BorderPane root = new BorderPane();
    final ListView<StreamText.Line> text = new ListView<>();
    final ChoiceBox<StreamText.Show> side = new ChoiceBox<>();
    final ChoiceBox<StreamText.Format> format = new ChoiceBox<>();
    private Stage stage;

    public FollowStreamWindow(FollowStreamViewModel model) {
        this.model = model;
        root.getStyleClass().add("follow-stream");
        root.getStylesheets().add(STYLESHEET);
        root.setTop(header());
        root.setCenter(body());
        root.setBottom(controls());
    }

    /**
     * Opens a window over {@code owner} and starts reading the conversation of packet {@code packetNo}.
     * The scene shares the owner's stylesheets, so the window follows the application's theme.
     */
    public static FollowStreamWindow open(Window owner, FollowStreamLoader loader, UiTaskExecutor tasks,
                                          long packetNo) {
        FollowStreamWindow w = new FollowStreamWindow(new FollowStreamViewModel(loader, tasks));
        Stage stage = new Stage();
        Scene scene = new Scene(w.root, 980, 680);
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) {
                // Follows the main window's theme, also when it is switched while this window is open.
                Bindings.bindContent(scene.getStylesheets(), owner.getScene().getStylesheets());
            }
        }
        stage.initModality(Modality.NONE);
        stage.setScene(scene);
        stage.titleProperty().bind(w.model.title());
        w.stage = stage;
        stage.show();
        w.model.load(packetNo);
        return w;
    }

    public Parent root() {
        return root;
    }

    public FollowStreamViewModel viewModel() {
        return model;
    }

    /** The window opened by {@link #open}, or null for a view placed elsewhere. */
    public Stage stage() {
        return stage;
    }

    private VBox header() {
        Label title = new Label();
        title.textProperty().bind(model.title());
        title.getStyleClass().add("follow-title");
        Label summary = new Label();
        summary.textProperty().bind(model.summary());
        summary.getStyleClass().add("follow-summary");
        Label a = new Label();
        a.getStyleClass().addAll("follow-legend", "follow-a");
        Label b = new Label();
        b.getStyleClass().addAll("follow-legend", "follow-b");
        model.showChoices().addListener((ListChangeListener<String>) c -> {
            a.setText(model.showChoices().get(1));
            b.setText(model.showChoices().get(2));
        });
        HBox legend = new HBox(8, a, b);
        VBox box = new VBox(2, title, summary, legend);
        box.getStyleClass().add("follow-header");
        return box;
    }

    private StackPane body() {
        text.setItems(model.lines());
        text.getStyleClass().add("follow-text");
        text.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        text.setFixedCellSize(18);
        text.setCellFactory(v -> new LineCell());
        Label placeholder = new Label();
        placeholder.textProperty().bind(model.message());
        text.setPlaceholder(placeholder);
        MenuItem copy = new MenuItem("Copy");
        copy.setAccelerator(KeyCombination.keyCombination("Shortcut+C"));
        copy.setOnAction(e -> copySelection());
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> copy(FollowStreamViewModel.text(model.lines())));
        text.setContextMenu(new ContextMenu(copy, copyAll));
        text.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copySelection();
            }
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(48, 48);
        busy.visibleProperty().bind(model.loading());
        busy.setMouseTransparent(true);
        return new StackPane(text, busy);
    }

    private void copySelection() {
        List<StreamText.Line> selected = text.getSelectionModel().getSelectedItems();
        copy(FollowStreamViewModel.text(selected));
    }

    private static void copy(String s) {
        ClipboardContent c = new ClipboardContent();
        c.putString(s);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private HBox controls() {
        side.getItems().setAll(StreamText.Show.values());
        side.valueProperty().bindBidirectional(model.show());
        side.setConverter(new StringConverter<>() {
            @Override
            public String toString(StreamText.Show s) {
                return s == null ? "" : model.showChoices().get(s.ordinal());
            }

            @Override
            public StreamText.Show fromString(String string) {
                return null;
            }
        });
        model.showChoices().addListener((ListChangeListener<String>) c -> {
            // The labels carry the sizes once the conversation is read: redraw the choices.
            StreamText.Show current = side.getValue();
            side.getItems().setAll(StreamText.Show.values());
            side.setValue(current);
        });
        format.getItems().setAll(StreamText.Format.values());
        format.valueProperty().bindBidirectional(model.format());
        Button save = new Button("Save as…");
        save.disableProperty().bind(model.conversation().isNull());
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the conversation");
            chooser.setInitialFileName(model.format().get() == StreamText.Format.RAW ? "stream.bin" : "stream.txt");
            File f = chooser.showSaveDialog(root.getScene() != null ? root.getScene().getWindow() : null);
            if (f != null) {
                model.save(f.toPath());
            }
        });
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (root.getScene() != null && root.getScene().getWindow() instanceof Stage s) {
                s.close();
            }
        });
        Label status = new Label();
        status.textProperty().bind(model.message());
        status.getStyleClass().add("follow-status");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox box = new HBox(8, new Label("Show"), side, new Label("as"), format, status, spring, save, close);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 8, 6, 8));
        box.getStyleClass().addAll("status-bar", "follow-controls");
        return box;
    }

    private static final class LineCell extends ListCell<StreamText.Line> {
        @Override
        protected void updateItem(StreamText.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("follow-a", "follow-b", "follow-gap");
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line.text().isEmpty() ? " " : line.text());
            getStyleClass().add(line.direction() == 0 ? "follow-a" : "follow-b");
            if (line.gap()) {
                getStyleClass().add("follow-gap");
            }
        }
    }
}
