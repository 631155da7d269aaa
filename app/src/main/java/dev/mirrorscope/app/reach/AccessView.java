package dev.mirrorscope.app.reach;

import dev.mirrorscope.engine.reach.access.AdminExposure;
import dev.mirrorscope.engine.reach.access.CrossVpcPath;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The access view: the findings of the access analysis in three tables (interfaces the internet reaches and on
 * what; administrative and database ports exposed; routes across VPC boundaries). Double-click a finding, or
 * press Enter on it, to open its question in the path view ({@link #setOnOpenInPathView} switches to it).
 */
public final class AccessView {
    private final AccessViewModel model;
    private final VBox root = new VBox();
    final TableView<AccessViewModel.InternetRow> internetTable = new TableView<>();
    final TableView<AdminExposure> adminTable = new TableView<>();
    final TableView<CrossVpcPath> crossTable = new TableView<>();
    final Button run = new Button("Analyze access");
    private Runnable onOpen = () -> { };

    public AccessView(AccessViewModel model) {
        this.model = Objects.requireNonNull(model);
        root.getStyleClass().addAll("reach-view", "access-view");
        root.getStylesheets().addAll(ReachView.stylesheets());
        run.setId("access-run");
        run.getStyleClass().add("analyze-button");
        run.setGraphic(ReachView.glyph("M6 4l13 8l-13 8z", "analyze-glyph", 12));
        run.setOnAction(e -> model.run());
        Label summary = new Label();
        summary.setId("access-summary");
        summary.getStyleClass().add("access-summary");
        summary.textProperty().bind(model.summary());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(model.busy());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label hint = new Label("Double-click a finding to trace it in the path view");
        hint.getStyleClass().add("access-hint");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        run.setMinWidth(Region.USE_PREF_SIZE);
        summary.setMinWidth(0);
        HBox.setHgrow(summary, Priority.SOMETIMES);
        HBox bar = new HBox(10, run, spinner, summary, spring, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().addAll("snapshot-bar", "reach-header");
        Label error = new Label();
        error.setId("access-error");
        error.getStyleClass().addAll("message-bar", "message-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.error());
        error.visibleProperty().bind(model.error().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        buildInternetTable();
        buildAdminTable();
        buildCrossTable();
        SplitPane split = new SplitPane(
                section(Bindings.createStringBinding(() -> {
                    long interfaces = model.internet().stream().map(r -> r.finding().interfaceId()).distinct().count();
                    return String.format(java.util.Locale.ROOT, "Reachable from the internet (%,d interface%s, %,d"
                            + " exposure%s)", interfaces, interfaces == 1 ? "" : "s", model.internet().size(),
                            model.internet().size() == 1 ? "" : "s");
                }, model.internet()), internetTable),
                section(Bindings.size(model.admin()).asString(java.util.Locale.ROOT, "Administrative and database ports (%,d)"), adminTable),
                section(Bindings.size(model.crossVpc()).asString(java.util.Locale.ROOT, "Routes across VPC boundaries (%,d)"), crossTable));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4, 0.72);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().addAll(bar, error, split);
    }

    public Node root() {
        return root;
    }

    public AccessViewModel model() {
        return model;
    }

    /** What happens after a finding was opened in the path view: the main window shows that view. */
    public void setOnOpenInPathView(Runnable r) {
        onOpen = r == null ? () -> { } : r;
    }

    private static <T> Node section(javafx.beans.binding.StringExpression title, TableView<T> table) {
        Label l = new Label();
        l.getStyleClass().add("pane-title");
        l.textProperty().bind(title);
        VBox box = new VBox(l, table);
        box.getStyleClass().add("table-pane");
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private void buildInternetTable() {
        TableView<AccessViewModel.InternetRow> t = internetTable;
        t.setId("access-internet");
        t.setItems(model.internet());
        t.getColumns().setAll(List.of(
                column("Interface", 150, r -> nameOr(r.finding().name(), "")),
                column("ID", 170, r -> r.finding().interfaceId()),
                column("Instance", 150, r -> nullToEmpty(r.finding().instanceId())),
                column("VPC", 200, r -> model.vpcLabel(r.finding().vpcId())),
                column("Public address", 170, r -> String.join(", ", r.finding().publicAddresses())),
                column("Protocol", 90, AccessViewModel.InternetRow::protocolLabel),
                column("Ports", 120, AccessViewModel.InternetRow::ports),
                column("Allowed from", 190, r -> String.join(", ", r.exposure().sources())),
                flagColumn("Open to world", 100, r -> r.exposure().openToWorld(), true)));
        finish(t, "No interface is reachable from the internet.");
    }

    private void buildAdminTable() {
        TableView<AdminExposure> t = adminTable;
        t.setId("access-admin");
        t.setItems(model.admin());
        t.getColumns().setAll(List.of(
                column("Interface", 150, a -> nameOr(a.name(), "")),
                column("ID", 170, AdminExposure::interfaceId),
                column("Port", 60, a -> String.valueOf(a.port())),
                column("Service", 110, AdminExposure::service),
                flagColumn("Reachable from internet", 160, AdminExposure::reachableFromInternet, true),
                column("Allowed from", 190, a -> String.join(", ", a.sources())),
                column("Groups open to the world", 220, a -> String.join(", ", a.worldOpenGroups())),
                column("VPC", 200, a -> model.vpcLabel(a.vpcId()))));
        finish(t, "No administrative or database port is exposed.");
    }

    private void buildCrossTable() {
        TableView<CrossVpcPath> t = crossTable;
        t.setId("access-cross-vpc");
        t.setItems(model.crossVpc());
        t.getColumns().setAll(List.of(
                column("From VPC", 200, c -> model.vpcLabel(c.fromVpc())),
                column("To VPC", 200, c -> c.toVpc() == null ? "(outside the snapshot)" : model.vpcLabel(c.toVpc())),
                column("Through", 150, c -> c.type().equals("VPC_PEERING_CONNECTION") ? "Peering connection"
                        : "Transit gateway"),
                column("Via", 200, c -> String.join(" → ", c.via())),
                column("Destination", 120, c -> nullToEmpty(c.destination())),
                column("Route tables", 170, c -> String.join(", ", c.routeTables())),
                column("Status", 150, CrossVpcPath::status),
                flagColumn("Return route", 100, CrossVpcPath::returnRoute, false),
                column("Interfaces", 90, c -> c.fromInterfaces() + " → " + c.toInterfaces())));
        finish(t, "No route leads into another VPC.");
    }

    private <T> void finish(TableView<T> t, String empty) {
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.done()).then(empty).otherwise(model.summary()));
        t.setPlaceholder(placeholder);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setRowFactory(v -> {
            TableRow<T> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    open(row.getItem());
                }
            });
            return row;
        });
        t.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && t.getSelectionModel().getSelectedItem() != null) {
                open(t.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
    }

    /** Opens a finding in the path view. */
    void open(Object finding) {
        if (model.open(finding)) {
            onOpen.run();
        }
    }

    private static String nameOr(String name, String fallback) {
        return name == null ? fallback : name;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> (ObservableValue<String>) new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(col -> new TextCell<>());
        return c;
    }

    /** A text cell whose tooltip shows all of a text too long for the column. */
    static class TextCell<S> extends TableCell<S, String> {
        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty ? null : s);
            setTooltip(empty || s == null || s.length() < 16 ? null : new javafx.scene.control.Tooltip(s));
        }
    }

    /** Yes or No; with {@code warnYes}, Yes in the warning colour. */
    private static <S> TableColumn<S, String> flagColumn(String title, double width, Predicate<S> value,
                                                         boolean warnYes) {
        TableColumn<S, String> c = column(title, width, s -> value.test(s) ? "Yes" : "No");
        c.setCellFactory(col -> new TextCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().remove("result-blocked");
                if (!empty && warnYes && "Yes".equals(s)) {
                    getStyleClass().add("result-blocked");
                }
            }
        });
        return c;
    }
}
