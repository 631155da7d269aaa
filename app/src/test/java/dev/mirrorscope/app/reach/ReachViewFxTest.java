package dev.mirrorscope.app.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.HopType;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Headless (Monocle) wiring of the path view and the access view: a snapshot is read and a question analysed off
 * the FX thread, the blocking hop is drawn highlighted with its explanation beside it, and a selection in the
 * table, the diagram or the access findings shows in the others.
 */
@ExtendWith(ApplicationExtension.class)
class ReachViewFxTest {
    private static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private ReachViewModel model;
    private ReachView view;
    private AccessViewModel accessModel;
    private AccessView access;
    private TabPane tabs;
    private final AtomicInteger opened = new AtomicInteger();

    @Start
    void start(Stage stage) {
        UiTaskExecutor tasks = new UiTaskExecutor(Platform::runLater);
        model = new ReachViewModel(tasks);
        view = new ReachView(model);
        accessModel = new AccessViewModel(tasks, model, 2);
        access = new AccessView(accessModel);
        tabs = new TabPane(new Tab("Reachability", view.root()), new Tab("Access", access.root()));
        access.setOnOpenInPathView(() -> {
            opened.incrementAndGet();
            tabs.getSelectionModel().select(0);
        });
        Scene scene = new Scene(tabs, 1260, 780);
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("/dev/mirrorscope/app/light.css"))
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void load(String scenario) throws Exception {
        Platform.runLater(() -> model.loadSnapshot(Scenarios.dir(scenario)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.snapshot().get() != null && !model.busy().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForAnswer() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.result().get() != null && !model.busy().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typedQuestionShowsTheBlockingGroupInRedWithItsExplanation(FxRobot robot) throws Exception {
        load("public-private");
        robot.interact(() -> model.source().set("198.51.100.7"));
        robot.clickOn(view.destinationPicker.field()).write("web-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.destinationPicker.isShowingSuggestions()).isTrue();
        assertThat(view.destinationPicker.suggestions()).extracting(c -> c.id()).first().isEqualTo("i-0a00000000002001");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        assertThat(view.destinationPicker.field().getText()).isEqualTo("web-1  i-0a00000000002001");
        robot.clickOn(view.port).write("80");
        robot.clickOn(view.analyze);
        waitForAnswer();

        assertThat(view.verdictTitle.getText()).isEqualTo("Not reachable");
        assertThat(view.banner.getPseudoClassStates()).contains(BLOCKED);
        Set<Node> blocked = robot.lookup(".hop-node").match(n -> n.getPseudoClassStates().contains(BLOCKED)).queryAll();
        assertThat(blocked).hasSize(1);
        HopItem hop = ((PathDiagram.HopNode) blocked.iterator().next()).item;
        assertThat(hop.type()).isEqualTo(HopType.SECURITY_GROUP);
        assertThat(hop.id()).isEqualTo("sg-0a0000000000f0001");
        Node callout = view.diagram.calloutOf(hop);
        assertThat(callout).isNotNull();
        assertThat(callout.isVisible()).isTrue();
        assertThat(robot.from(callout).lookup(".callout-code").queryAs(Label.class).getText())
                .isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(robot.from(callout).lookup(".callout-detail").queryAs(Label.class).getText()).contains("port 80");
        // The callout sits under its node, in the diagram.
        Node node = view.diagram.nodeOf(hop);
        assertThat(callout.getLayoutY()).isGreaterThan(node.getLayoutY() + node.getLayoutBounds().getHeight());
        assertThat(view.hopTable.getSelectionModel().getSelectedItem()).isEqualTo(hop);
        assertThat(view.explanationList.getItems()).extracting(Explanation::code).containsExactly("ENI_SG_RULES_MISMATCH");
        assertThat(view.diagram.nodeOf(hop).getPseudoClassStates()).contains(SELECTED);
    }

    @Test
    void selectingInTheTableHighlightsInTheDiagramAndBack(FxRobot robot) throws Exception {
        load("public-private");
        robot.interact(() -> {
            model.source().set("web-1");
            model.destination().set("db-1");
            model.port().set("5432");
            model.analyze();
        });
        waitForAnswer();
        assertThat(view.verdictTitle.getText()).isEqualTo("Reachable");
        assertThat(robot.lookup(".hop-node").queryAll()).hasSize(18);
        robot.interact(() -> view.hopTable.getSelectionModel().select(4));
        HopItem routeTable = model.hops().get(4);
        assertThat(routeTable.type()).isEqualTo(HopType.ROUTE_TABLE);
        assertThat(model.selectedHop().get()).isEqualTo(routeTable);
        assertThat(view.diagram.nodeOf(routeTable).getPseudoClassStates()).contains(SELECTED);

        HopItem returnGroup = model.returnPath().get(2);
        robot.interact(() -> view.scrollIntoView(view.diagram.nodeOf(returnGroup)));
        robot.clickOn(view.diagram.nodeOf(returnGroup), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.hopTable.getSelectionModel().getSelectedItem()).isEqualTo(returnGroup);
        assertThat(view.diagram.nodeOf(returnGroup).getPseudoClassStates()).contains(SELECTED);
        assertThat(view.diagram.nodeOf(routeTable).getPseudoClassStates()).doesNotContain(SELECTED);
    }

    @Test
    void explainingARejectedRecordSaysWhichRuleRejectsIt(FxRobot robot) throws Exception {
        load("nacl-ephemeral");
        robot.interact(() -> model.prefill("198.51.100.7", 50500, "10.0.1.10", 443, 6, "REJECT"));
        waitForAnswer();
        assertThat(view.note.isVisible()).isTrue();
        assertThat(view.note.getText()).startsWith("Rejected by network ACL web-no-ephemeral").contains("rule 90 deny");
        assertThat(view.sourcePicker.field().getText()).isEqualTo("198.51.100.7");
        assertThat(view.port.getText()).isEqualTo("443");
        assertThat(robot.lookup(".hop-node").match(n -> n.getPseudoClassStates().contains(BLOCKED)).queryAll())
                .hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void badSnapshotShowsTheFileAndPathInTheErrorBar(FxRobot robot) throws Exception {
        Platform.runLater(() -> model.loadSnapshot(Scenarios.dir("malformed-syntax")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.error().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.error.isVisible()).isTrue();
        assertThat(view.error.getText()).contains("malformed-syntax").contains(".json");
    }

    @Test
    void doubleClickingAnAccessFindingOpensItInThePathView(FxRobot robot) throws Exception {
        load("access-exposure");
        robot.interact(() -> tabs.getSelectionModel().select(1));
        robot.interact(accessModel::ensureAnalysed);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> accessModel.done().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(access.internetTable.getItems()).isNotEmpty();
        Node firstRow = robot.from(access.internetTable).lookup(".table-row-cell").nth(0).query();
        robot.doubleClickOn(firstRow, MouseButton.PRIMARY);
        waitForAnswer();
        assertThat(opened.get()).isEqualTo(1);
        assertThat(tabs.getSelectionModel().getSelectedIndex()).isZero();
        AccessViewModel.InternetRow row = access.internetTable.getItems().get(0);
        assertThat(model.result().get().query().source()).isEqualTo(row.finding().internetGatewayId());
        assertThat(model.result().get().query().destination()).isEqualTo(row.finding().interfaceId());
        assertThat(view.verdictTitle.getText()).isEqualTo("Reachable");
    }
}
