package dev.mirrorscope.app.details;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.dissect.ProtocolNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle): the tree and the bytes of a packet are shown, and selection works both ways with clicks. */
@ExtendWith(ApplicationExtension.class)
class PacketDetailsPaneFxTest {
    private PacketDetailsPane pane;

    @Start
    void start(Stage stage) throws Exception {
        pane = new PacketDetailsPane(TestPackets.loader(), new UiTaskExecutor(Platform::runLater));
        stage.setScene(new Scene(pane, 1000, 760));
        stage.show();
    }

    private void show(FxRobot robot, long no) throws Exception {
        robot.interact(() -> pane.show(no));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.viewModel().dissection().get() != null
                && pane.viewModel().dissection().get().frame().number() == no);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TreeItem<ProtocolNode> protocolItem(String field) {
        return pane.tree.getRoot().getChildren().stream().filter(i -> field.equals(i.getValue().field()))
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void showsTheProtocolTreeAndTheBytes(FxRobot robot) throws Exception {
        show(robot, 16);
        assertThat(pane.tree.getRoot().getChildren()).extracting(i -> i.getValue().label())
                .contains("Virtual eXtensible Local Area Network, VNI: 101", "Transport Layer Security");
        List<Label> bytes = robot.lookup(".hex-byte").queryAllAs(Label.class).stream()
                .filter(l -> l.getUserData() != null).toList();
        assertThat(bytes).isNotEmpty();
        Label first = bytes.stream().filter(l -> (Integer) l.getUserData() == 0).findFirst().orElseThrow();
        assertThat(first.getText()).isEqualTo(String.format("%02x", pane.viewModel().dissection().get().bytes()[0]));
        assertThat(robot.lookup(".details-status").queryAs(Label.class).getText()).startsWith("Packet 16 · 190 bytes");
    }

    @Test
    void clickingATreeLineHighlightsItsBytes(FxRobot robot) throws Exception {
        show(robot, 4);
        robot.interact(() -> {
            TreeItem<ProtocolNode> tcp = protocolItem("tcp");
            tcp.setExpanded(true);
            pane.tree.scrollTo(pane.tree.getRow(tcp));
        });
        WaitForAsyncUtils.waitForFxEvents();
        ProtocolNode dstport = pane.viewModel().dissection().get().find("tcp.dstport").get(0);
        Node cell = robot.lookup(".tree-cell").match((TreeCell<?> c) -> c.getItem() == dstport).query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.viewModel().selected().get()).isSameAs(dstport);
        List<Integer> highlighted = robot.lookup(".hex-selected").queryAllAs(Label.class).stream()
                .map(l -> (Integer) l.getUserData()).distinct().sorted().toList();
        assertThat(highlighted).containsExactly(dstport.offset(), dstport.offset() + 1);
        assertThat(robot.lookup(".hex-selected").queryAll()).hasSize(4);
        assertThat(robot.lookup(".hex-protocol").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".details-field-info").queryAs(Label.class).getText()).startsWith("tcp.dstport · 2 bytes");
    }

    @Test
    void clickingAByteSelectsTheDeepestLineOverIt(FxRobot robot) throws Exception {
        show(robot, 4);
        ProtocolNode vni = pane.viewModel().dissection().get().find("vxlan.vni").get(0);
        Label byteLabel = robot.lookup(".hex-byte").queryAllAs(Label.class).stream()
                .filter(l -> Integer.valueOf(vni.offset() + 2).equals(l.getUserData())).findFirst().orElseThrow();
        robot.clickOn(byteLabel);
        WaitForAsyncUtils.waitForFxEvents();
        TreeItem<ProtocolNode> selected = pane.tree.getSelectionModel().getSelectedItem();
        assertThat(selected.getValue()).isSameAs(vni);
        assertThat(selected.getParent().isExpanded()).isTrue();
        assertThat(robot.lookup(".hex-selected").queryAll()).hasSize(6);
    }

    @Test
    void linesOpenedStayOpenForTheNextPacket(FxRobot robot) throws Exception {
        show(robot, 4);
        robot.interact(() -> protocolItem("ip").setExpanded(true));
        show(robot, 5);
        assertThat(protocolItem("ip").isExpanded()).isTrue();
        assertThat(protocolItem("tcp").isExpanded()).isFalse();
    }
}
