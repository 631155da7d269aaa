package dev.mirrorscope.app.reach;

import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;
import javafx.stage.DirectoryChooser;

/**
 * The path view: a VPC snapshot, a question (source and destination pickers completing from the snapshot,
 * protocol, ports) and its answer: a verdict banner, the diagram of the forward and return paths with the
 * blocking component in red and its explanation beside it, a table of the hops with the rule or route each one
 * used, and the list of explanations. Selecting a hop in the table, the diagram or the explanations selects it
 * in the others. Styles are in reach.css, which the view adds to itself; its colours derive from the theme's.
 */
public final class ReachView {
    static final PseudoClass BLOCKED = PathDiagram.BLOCKED;
    static final PseudoClass UNREACHED = PathDiagram.UNREACHED;
    private static final String CSS = "/dev/mirrorscope/app/reach/reach.css";

    private final ReachViewModel model;
    private final BorderPane root = new BorderPane();
    final EndpointPicker sourcePicker;
    final EndpointPicker destinationPicker;
    final ComboBox<Protocol> protocol = new ComboBox<>();
    final TextField port = new TextField();
    final TextField sourcePort = new TextField();
    final Button analyze = new Button("Analyze");
    final Button openSnapshot = new Button("Open snapshot…");
    final PathDiagram diagram = new PathDiagram();
    final ScrollPane diagramScroll = new ScrollPane(diagram);
    final TableView<HopItem> hopTable = new TableView<>();
    final ListView<Explanation> explanationList = new ListView<>();
    final Label verdictTitle = new Label();
    final Label verdictDetail = new Label();
    final HBox banner = new HBox(12);
    final Label error = new Label();
    final Label note = new Label();
    private boolean syncing;

    public ReachView(ReachViewModel model) {
        this.model = Objects.requireNonNull(model);
        root.getStyleClass().add("reach-view");
        root.getStylesheets().addAll(stylesheets());
        sourcePicker = new EndpointPicker(model.source(), model::complete, "Source: Name tag, ID or address");
        destinationPicker = new EndpointPicker(model.destination(), model::complete,
                "Destination: Name tag, ID or address");
        root.setTop(header());
        root.setCenter(body());
        wire();
    }

    /** The node to put in the main window. */
    public Node root() {
        return root;
    }

    public ReachViewModel model() {
        return model;
    }

    /** The view's stylesheet, for popups and windows that show its parts. */
    public static List<String> stylesheets() {
        return List.of(Objects.requireNonNull(ReachView.class.getResource(CSS), CSS).toExternalForm());
    }

    // ---- header: snapshot and question ----

    private Node header() {
        openSnapshot.setId("reach-open-snapshot");
        openSnapshot.setGraphic(glyph("M3 6.5h6l2 2h10v10.5H3z", "button-glyph", 16));
        openSnapshot.setOnAction(e -> chooseSnapshot());
        Label summary = new Label();
        summary.getStyleClass().add("snapshot-summary");
        summary.textProperty().bind(model.snapshotSummary());
        Label warnings = new Label();
        warnings.getStyleClass().add("snapshot-warnings");
        warnings.setGraphic(glyph("M12 3L22 20H2z M12 9.5v5 M12 17v.5", "warning-glyph", 15));
        Tooltip warningList = new Tooltip();
        warningList.setWrapText(true);
        warningList.setMaxWidth(640);
        warnings.setTooltip(warningList);
        model.warnings().addListener((ListChangeListener<String>) c -> {
            int n = model.warnings().size();
            warnings.setText(n == 1 ? "1 warning" : n + " warnings");
            warnings.setVisible(n > 0);
            warnings.setManaged(n > 0);
            warningList.setText(String.join("\n", model.warnings()));
        });
        warnings.setVisible(false);
        warnings.setManaged(false);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("reach-spinner");
        spinner.visibleProperty().bind(model.busy());
        spinner.setPrefSize(16, 16);
        Label work = new Label();
        work.getStyleClass().add("reach-work");
        work.textProperty().bind(model.work());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox snapshotBar = new HBox(10, openSnapshot, summary, warnings, spring, work, spinner);
        snapshotBar.setAlignment(Pos.CENTER_LEFT);
        snapshotBar.getStyleClass().add("snapshot-bar");

        protocol.getItems().setAll(Protocol.values());
        protocol.valueProperty().bindBidirectional(model.protocol());
        protocol.setButtonCell(new ProtocolCell());
        protocol.setCellFactory(v -> new ProtocolCell());
        protocol.setId("reach-protocol");
        port.setId("reach-port");
        port.setPromptText("any");
        port.setPrefColumnCount(5);
        port.textProperty().bindBidirectional(model.port());
        port.setOnAction(e -> model.analyze());
        sourcePort.setId("reach-source-port");
        sourcePort.setPromptText("any");
        sourcePort.setPrefColumnCount(5);
        sourcePort.textProperty().bindBidirectional(model.sourcePort());
        sourcePort.setOnAction(e -> model.analyze());
        port.disableProperty().bind(model.protocol().isEqualTo(Protocol.ICMP));
        sourcePort.disableProperty().bind(model.protocol().isEqualTo(Protocol.ICMP));
        sourcePicker.setId("reach-source");
        destinationPicker.setId("reach-destination");
        sourcePicker.setOnEnter(model::analyze);
        destinationPicker.setOnEnter(model::analyze);
        Button swap = new Button();
        swap.setGraphic(glyph("M4 8h15 M15.5 4.5L19 8l-3.5 3.5 M20 16H5 M8.5 12.5L5 16l3.5 3.5", "button-glyph", 16));
        swap.getStyleClass().add("swap-button");
        swap.setTooltip(new Tooltip("Swap source and destination"));
        swap.setOnAction(e -> {
            String s = model.source().get();
            model.source().set(model.destination().get());
            model.destination().set(s);
        });
        analyze.setId("reach-analyze");
        analyze.setDefaultButton(false);
        analyze.getStyleClass().add("analyze-button");
        analyze.setGraphic(glyph("M6 4l13 8l-13 8z", "analyze-glyph", 12));
        analyze.setOnAction(e -> model.analyze());
        for (Region r : List.of(protocol, port, sourcePort, analyze, swap)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        sourcePicker.setMinWidth(150);
        destinationPicker.setMinWidth(150);
        HBox.setHgrow(sourcePicker, Priority.ALWAYS);
        HBox.setHgrow(destinationPicker, Priority.ALWAYS);
        sourcePicker.setPrefWidth(330);
        destinationPicker.setPrefWidth(330);
        sourcePicker.setMaxWidth(460);
        destinationPicker.setMaxWidth(460);
        HBox question = new HBox(8, caption("From"), sourcePicker, swap, caption("To"), destinationPicker,
                caption("Protocol"), protocol, caption("Port"), port, caption("Source port"), sourcePort, analyze);
        question.setAlignment(Pos.CENTER_LEFT);
        question.getStyleClass().add("question-bar");

        error.setId("reach-error");
        error.getStyleClass().addAll("message-bar", "message-error");
        error.setGraphic(glyph("M12 2.5a9.5 9.5 0 1 1 0 19a9.5 9.5 0 1 1 0-19z M12 7v6 M12 16v.5", "message-glyph", 16));
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.error());
        error.visibleProperty().bind(model.error().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        note.setId("reach-note");
        note.getStyleClass().addAll("message-bar", "message-note");
        note.setGraphic(glyph("M12 2.5a9.5 9.5 0 1 1 0 19a9.5 9.5 0 1 1 0-19z M12 10.5v6.5 M12 7v.5",
                "message-glyph", 16));
        note.setWrapText(true);
        note.setMaxWidth(Double.MAX_VALUE);
        note.textProperty().bind(model.flowNote());
        note.visibleProperty().bind(model.flowNote().isNotNull());
        note.managedProperty().bind(note.visibleProperty());

        VBox top = new VBox(snapshotBar, question, error, note);
        top.getStyleClass().add("reach-header");
        return top;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-caption");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A 24 by 24 line glyph shown at {@code size} pixels. */
    static Group glyph(String path, String style, double size) {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.getStyleClass().addAll("line-glyph", style);
        p.setScaleX(size / 24);
        p.setScaleY(size / 24);
        return new Group(p);
    }

    private void chooseSnapshot() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a VPC snapshot (a directory of describe-*.json files)");
        Path current = model.snapshotDir().get();
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File dir = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (dir != null) {
            model.loadSnapshot(dir.toPath());
        }
    }

    // ---- body: verdict, diagram, tables ----

    private Node body() {
        banner.getStyleClass().add("verdict-banner");
        banner.setId("reach-verdict");
        StackPane badge = new StackPane();
        badge.getStyleClass().add("verdict-badge");
        SVGPath mark = new SVGPath();
        mark.getStyleClass().addAll("line-glyph", "verdict-mark");
        badge.getChildren().add(mark);
        verdictTitle.getStyleClass().add("verdict-title");
        verdictTitle.textProperty().bind(model.verdictTitle());
        verdictDetail.getStyleClass().add("verdict-detail");
        verdictDetail.textProperty().bind(model.verdictDetail());
        verdictDetail.setWrapText(true);
        VBox text = new VBox(1, verdictTitle, verdictDetail);
        HBox.setHgrow(text, Priority.ALWAYS);
        banner.getChildren().addAll(badge, text);
        banner.setAlignment(Pos.CENTER_LEFT);
        model.verdict().addListener((obs, was, now) -> verdictStyle(mark, now));
        verdictStyle(mark, model.verdict().get());

        diagramScroll.getStyleClass().add("diagram-scroll");
        diagramScroll.setFitToWidth(true);
        diagramScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox top = new VBox(banner, diagramScroll);
        VBox.setVgrow(diagramScroll, Priority.ALWAYS);
        top.getStyleClass().add("reach-top");

        buildHopTable();
        buildExplanationList();
        Label hopsTitle = new Label("Hops");
        hopsTitle.getStyleClass().add("pane-title");
        Label explanationsTitle = new Label();
        explanationsTitle.getStyleClass().add("pane-title");
        explanationsTitle.textProperty().bind(javafx.beans.binding.Bindings.size(model.explanations())
                .asString("Explanations (%d)"));
        VBox hopsPane = new VBox(hopsTitle, hopTable);
        VBox.setVgrow(hopTable, Priority.ALWAYS);
        VBox explanationsPane = new VBox(explanationsTitle, explanationList);
        VBox.setVgrow(explanationList, Priority.ALWAYS);
        hopsPane.getStyleClass().add("table-pane");
        explanationsPane.getStyleClass().add("table-pane");
        SplitPane tables = new SplitPane(hopsPane, explanationsPane);
        tables.setDividerPositions(0.64);
        tables.getStyleClass().add("reach-tables");

        SplitPane split = new SplitPane(top, tables);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.63);
        split.getStyleClass().add("reach-split");
        return split;
    }

    private void verdictStyle(SVGPath mark, ReachViewModel.Verdict v) {
        banner.pseudoClassStateChanged(PseudoClass.getPseudoClass("reachable"), v == ReachViewModel.Verdict.REACHABLE);
        banner.pseudoClassStateChanged(PseudoClass.getPseudoClass("blocked"), v == ReachViewModel.Verdict.BLOCKED);
        mark.setContent(switch (v) {
            case REACHABLE -> "M5 12.5l4.5 4.5L19 7.5";
            case BLOCKED -> "M6.5 6.5l11 11 M17.5 6.5l-11 11";
            case NONE -> "M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z M12 7v5.5l3.5 2";
        });
    }

    private void buildHopTable() {
        hopTable.setId("reach-hops");
        hopTable.setItems(model.hops());
        Label none = new Label();
        none.textProperty().bind(javafx.beans.binding.Bindings.when(model.result().isNull())
                .then("No path yet: ask a question above.").otherwise("No path to show: see the explanations."));
        hopTable.setPlaceholder(none);
        hopTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<HopItem, String> index = column("Hop", 58, h -> (h.leg() == Explanation.Leg.FORWARD ? "→ "
                : "← ") + h.index());
        TableColumn<HopItem, String> kind = column("Component", 140, HopItem::typeLabel);
        TableColumn<HopItem, String> name = column("Name", 104, h -> h.title().equals(h.id()) ? "" : h.title());
        TableColumn<HopItem, String> id = column("ID", 172, HopItem::id);
        id.setCellFactory(c -> {
            TableCell<HopItem, String> cell = new AccessView.TextCell<>();
            cell.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            return cell;
        });
        TableColumn<HopItem, String> dir = column("Direction", 72, HopItem::direction);
        TableColumn<HopItem, String> result = column("Result", 86, HopItem::status);
        result.setCellFactory(c -> new AccessView.TextCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("result-passed", "result-blocked", "result-unreached");
                if (!empty && s != null) {
                    getStyleClass().add(switch (s) {
                        case "Blocked" -> "result-blocked";
                        case "Passed" -> "result-passed";
                        default -> "result-unreached";
                    });
                }
            }
        });
        TableColumn<HopItem, String> matched = column("Matched rule, route or translation", 320, HopItem::matched);
        hopTable.getColumns().setAll(List.of(index, kind, name, id, dir, result, matched));
        hopTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HopItem h, boolean empty) {
                super.updateItem(h, empty);
                pseudoClassStateChanged(BLOCKED, !empty && h != null && h.blocked());
                pseudoClassStateChanged(UNREACHED, !empty && h != null && !h.reached() && !h.blocked());
                setTooltip(!empty && h != null && h.explanation() != null
                        ? new Tooltip(h.explanation().code() + ": " + h.explanation().detail()) : null);
                if (getTooltip() != null) {
                    getTooltip().setWrapText(true);
                    getTooltip().setMaxWidth(520);
                }
            }
        });
    }

    private void buildExplanationList() {
        explanationList.setId("reach-explanations");
        explanationList.setItems(model.explanations());
        explanationList.setPlaceholder(new Label("Nothing blocks the path."));
        explanationList.getStyleClass().add("explanation-list");
        explanationList.setCellFactory(v -> new ExplanationCell());
    }

    /** An explanation as a small card: the code, where it applies, and the detail, wrapped. */
    private static final class ExplanationCell extends ListCell<Explanation> {
        private final Label code = new Label();
        private final Label where = new Label();
        private final Label detail = new Label();
        private final VBox box;

        ExplanationCell() {
            code.getStyleClass().add("explanation-code");
            where.getStyleClass().add("explanation-where");
            detail.getStyleClass().add("explanation-detail");
            detail.setWrapText(true);
            detail.setMinHeight(Region.USE_PREF_SIZE);
            HBox head = new HBox(10, code, where);
            head.setAlignment(Pos.BASELINE_LEFT);
            box = new VBox(2, head, detail);
            box.getStyleClass().add("explanation-card");
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Explanation e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            code.setText(e.code());
            where.setText(e.component() + "  ·  " + (e.leg() == Explanation.Leg.FORWARD ? "forward path"
                    : "return path") + (e.direction() == null ? "" : "  ·  " + e.direction()));
            detail.setText(e.detail());
            detail.maxWidthProperty().bind(getListView().widthProperty().subtract(40));
            setGraphic(box);
        }
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> (ObservableValue<String>) new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(col -> new AccessView.TextCell<>());
        return c;
    }

    // ---- wiring ----

    private void wire() {
        model.hops().addListener((ListChangeListener<HopItem>) c -> redraw());
        // An answer without hops (an unknown ID) leaves the hop list as it was: the answer itself redraws.
        model.result().addListener((obs, was, now) -> redraw());
        model.snapshot().addListener((obs, was, now) -> redraw());
        redraw();
        diagram.selectedProperty().bindBidirectional(model.selectedHop());
        hopTable.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (!syncing && now != null) {
                model.selectedHop().set(now);
            }
        });
        explanationList.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (!syncing && now != null) {
                model.selectExplanation(now);
            }
        });
        model.selectedHop().addListener((obs, was, now) -> showSelected(now));
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1
                    && e.getDragboard().getFiles().get(0).isDirectory()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (files != null && files.size() == 1 && files.get(0).isDirectory()) {
                model.loadSnapshot(files.get(0).toPath());
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }

    private void redraw() {
        if (model.hops().isEmpty() && model.explanations().isEmpty()) {
            diagram.showMessage(model.snapshot().get() == null
                    ? "Open a VPC snapshot: a directory of describe-*.json files as the AWS CLI writes them"
                    + " (mirrorscope snapshot capture makes one), or drop one here."
                    : "Choose where the traffic starts and where it goes, then Analyze. The path is drawn here hop"
                    + " by hop, the way there and the way back.");
        } else if (model.hops().isEmpty()) {
            diagram.showMessage("No path to draw: the question names something the snapshot cannot trace (see the"
                    + " explanations below).");
        } else {
            boolean forwardBlocked = model.forward().stream().anyMatch(HopItem::blocked);
            diagram.setPaths(List.of(
                    new PathDiagram.Leg(model.forwardTitle().get(), List.copyOf(model.forward()), null),
                    new PathDiagram.Leg(model.returnTitle().get(), List.copyOf(model.returnPath()), forwardBlocked
                            ? "Not traced: the request does not arrive, so there is no reply."
                            : "Not traced.")), null);
        }
        showSelected(model.selectedHop().get());
        diagramScroll.setVvalue(0);
    }

    private void showSelected(HopItem h) {
        syncing = true;
        try {
            if (h == null) {
                hopTable.getSelectionModel().clearSelection();
                explanationList.getSelectionModel().clearSelection();
                return;
            }
            if (!h.equals(hopTable.getSelectionModel().getSelectedItem())) {
                hopTable.getSelectionModel().select(h);
                int i = hopTable.getItems().indexOf(h);
                if (i >= 0) {
                    hopTable.scrollTo(Math.max(0, i - 2));
                }
            }
            if (h.explanation() != null) {
                explanationList.getSelectionModel().select(h.explanation());
            } else {
                explanationList.getSelectionModel().clearSelection();
            }
            scrollIntoView(diagram.nodeOf(h));
        } finally {
            syncing = false;
        }
    }

    void scrollIntoView(Node n) {
        if (n == null || diagram.getHeight() <= 0) {
            return;
        }
        Bounds b = n.getBoundsInParent();
        double view = diagramScroll.getViewportBounds().getHeight();
        double content = diagram.getHeight();
        if (content <= view) {
            return;
        }
        double top = diagramScroll.getVvalue() * (content - view);
        if (b.getMinY() < top || b.getMaxY() > top + view) {
            double target = Math.max(0, Math.min(content - view, b.getMinY() - 24));
            diagramScroll.setVvalue(target / (content - view));
        }
    }

    /** Protocols in the picker as people write them. */
    private static final class ProtocolCell extends ListCell<Protocol> {
        @Override
        protected void updateItem(Protocol p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name());
        }
    }
}
