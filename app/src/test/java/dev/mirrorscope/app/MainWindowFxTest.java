package dev.mirrorscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.Theme;
import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.filterbar.FakeFilterService;
import dev.mirrorscope.app.packets.PacketItem;
import dev.mirrorscope.app.packets.PacketTableWindow;
import dev.mirrorscope.app.preferences.PreferencesStore;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.capture.PcapWriter;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.sample.MirrorTrafficGenerator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle) end to end: the real window over a real session, work off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    @TempDir
    static Path tmp;
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private MainViewModel model;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(new UiTaskExecutor(Platform::runLater), tmp.resolve("session-" + SESSIONS.incrementAndGet()),
                true, PreferencesStore.inMemory(), new FakeFilterService(), () -> Files.createTempDirectory(tmp, "new"));
        window = new MainWindow(model, stage, false);
        Scene scene = new Scene(window.root(), 1300, 760);
        stage.setScene(scene);
        window.applyTheme();
        stage.show();
    }

    private void openFixture() throws Exception {
        Path capture = MainViewModelTest.fixture();
        Platform.runLater(() -> model.open(List.of(capture)));
        settle();
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.loaded().get() && !model.busy().get());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.packets().settled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableView<PacketItem> packetTable() {
        return window.packetsView().table();
    }

    /** The text of the visible packet row showing packet {@code no}, cells joined by " | ", or null. */
    private String visibleRow(FxRobot robot, long no) {
        for (Node n : robot.lookup("#packet-table .table-row-cell").queryAll()) {
            TableRow<?> row = (TableRow<?>) n;
            if (row.getItem() instanceof PacketItem p && p.no() == no && row.isVisible()) {
                List<String> cells = new ArrayList<>();
                for (Node c : row.getChildrenUnmodifiable()) {
                    if (c instanceof TableCell<?, ?> cell) {
                        cells.add(cell.getText() == null ? "" : cell.getText());
                    }
                }
                return String.join(" | ", cells);
            }
        }
        return null;
    }

    @Test
    void openingACaptureFillsTheTablesAndTheStatusBar(FxRobot robot) throws Exception {
        openFixture();
        assertThat(packetTable().getItems()).hasSize(222);
        String first = visibleRow(robot, 1);
        assertThat(first).startsWith("1 | 0.000000000 | ").contains("TCP").contains("[SYN]");
        assertThat(stage.getTitle()).isEqualTo("mirror-mixed.pcap — Mirrorscope");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Packets: 222 · Flows: ");
        robot.interact(() -> window.showView("flows"));
        assertThat(robot.lookup("#flow-table .table-row-cell").queryAll()).isNotEmpty();
        assertThat(window.flowsView().table().getItems()).hasSize(model.flows().all().size()).isNotEmpty();
    }

    @Test
    void selectingAFlowShowsOnlyItsPacketsUntilShowAllIsPressed(FxRobot robot) throws Exception {
        openFixture();
        robot.interact(() -> window.showView("flows"));
        TableView<FlowRow> flows = window.flowsView().table();
        FlowRow chosen = flows.getItems().get(0);
        robot.interact(() -> flows.getSelectionModel().select(0));
        robot.interact(() -> robot.lookup("Show their packets").queryButton().fire());
        long expected = chosen.packetsAb() + chosen.packetsBa();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> packetTable().getItems().size() == expected);
        settle();
        assertThat(window.currentView()).isEqualTo("packets");
        assertThat(packetTable().getItems()).allSatisfy(p -> assertThat(List.of(p.row().src(), p.row().dst()))
                .containsExactlyInAnyOrder(chosen.a(), chosen.b()));
        assertThat(robot.lookup(".restriction-text").queryAs(Label.class).getText())
                .startsWith("Showing " + expected + " of 222 packets: packets of the selected flow");
        assertThat(robot.lookup("#selection").queryAs(Label.class).getText()).isEqualTo("Selected: 1 flow");
        robot.interact(() -> robot.lookup("Show all packets").queryButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> packetTable().getItems().size() == 222);
        assertThat(flows.getSelectionModel().getSelectedItems()).isEmpty();
    }

    @Test
    void theDisplayFilterBarShowsErrorsAndAppliesValidFilters(FxRobot robot) throws Exception {
        openFixture();
        robot.clickOn("#filter-field").write("frame.len =");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#filter-field").queryAs(Node.class).getStyleClass()).contains("filter-invalid");
        assertThat(robot.lookup("#filter-error").queryAs(Label.class).getText()).isEqualTo("Position 10: expected >");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(packetTable().getItems()).hasSize(222);
        robot.interact(() -> model.filter().text().set(""));
        robot.clickOn("#filter-field").write("udp");
        assertThat(robot.lookup("#filter-field").queryAs(Node.class).getStyleClass()).contains("filter-valid");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> packetTable().getItems().size() < 222);
        settle();
        assertThat(packetTable().getItems()).isNotEmpty().allSatisfy(p -> assertThat(p.row().proto()).isEqualTo(17));
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).contains("Displayed: "
                + packetTable().getItems().size());
        robot.clickOn("#filter-field").press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> packetTable().getItems().size() == 222);
        assertThat(model.filter().history()).containsExactly("udp");
    }

    @Test
    void goToPacketSelectsAndShowsTheRow(FxRobot robot) throws Exception {
        openFixture();
        robot.clickOn("#packet-table");
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(".dialog-pane .text-field").write("150").press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> packetTable().getSelectionModel().getSelectedIndex() == 149);
        settle();
        assertThat(visibleRow(robot, 150)).startsWith("150 | ");
        assertThat(robot.lookup("#selection").queryAs(Label.class).getText()).isEqualTo("Selected: packet 150");
    }

    @Test
    void thePacketDetailsComponentGoesUnderTheTableAndIsToldTheSelectedPacket(FxRobot robot) throws Exception {
        openFixture();
        List<Long> shown = new ArrayList<>();
        Label details = new Label("details");
        details.setId("details");
        robot.interact(() -> packetTable().getSelectionModel().select(6));
        robot.interact(() -> window.packetsView().setDetails(details, shown::add));
        assertThat(shown).containsExactly(7L);
        assertThat(robot.lookup("#details").queryAs(Label.class).getScene()).isSameAs(stage.getScene());
        robot.interact(() -> packetTable().getSelectionModel().clearAndSelect(41));
        assertThat(shown).containsExactly(7L, 42L);
        robot.interact(() -> window.packetsView().setDetails(null, null));
        assertThat(robot.lookup("#details").tryQuery()).isEmpty();
    }

    @Test
    void switchingToTheDarkThemeRecoloursTheWindow(FxRobot robot) throws Exception {
        openFixture();
        Color before = background(packetTable());
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("light.css"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.theme().get()).isEqualTo(Theme.DARK);
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"))
                .noneMatch(s -> s.endsWith("light.css"));
        Color after = background(packetTable());
        assertThat(after.getBrightness()).isLessThan(0.3);
        assertThat(before.getBrightness()).isGreaterThan(0.7);
    }

    private static Color background(TableView<?> t) {
        return (Color) t.getBackground().getFills().get(t.getBackground().getFills().size() - 1).getFill();
    }

    @Test
    void selectedPacketsAreExportedAsPcapng(FxRobot robot) throws Exception {
        openFixture();
        robot.interact(() -> packetTable().getSelectionModel().selectIndices(4, 9, 20));
        Path out = tmp.resolve("selected-" + SESSIONS.get() + ".pcapng");
        robot.interact(() -> model.exportPackets(model.packets().numbersOfRows(
                List.copyOf(packetTable().getSelectionModel().getSelectedIndices())), out));
        settle();
        assertThat(robot.lookup("#notice").queryAs(Label.class).getText()).isEqualTo("Exported 3 packets to " + out);
        try (Session back = Session.open(tmp.resolve("back-" + SESSIONS.get()))) {
            back.ingest(List.of(out), IngestOptions.defaults(), IngestListener.NONE);
            List<PacketRow> rows = new ArrayList<>();
            back.packets(1, -1, rows::add);
            assertThat(rows).extracting(PacketRow::info).containsExactly(packetTable().getItems().get(4).row().info(),
                    packetTable().getItems().get(9).row().info(), packetTable().getItems().get(20).row().info());
        }
    }

    @Test
    void theTableFillsWhileALargeCaptureIsReadAndCancelKeepsWhatWasRead(FxRobot robot) throws Exception {
        Path big = tmp.resolve("big.pcap");
        try (OutputStream os = Files.newOutputStream(big); PcapWriter w = new PcapWriter(os, 1, false)) {
            new MirrorTrafficGenerator(w, 3).bulk(250_000);
        }
        Platform.runLater(() -> model.open(List.of(big)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.busy().get() && packetTable().getItems().size() > 0);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Packets: ");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> visibleRow(robot, 1) != null
                && visibleRow(robot, 1).contains("TCP"));
        boolean stillReading = model.busy().get();
        robot.clickOn("#cancel");
        settle();
        int kept = model.packets().table().get().size();
        // The table holds a window of the rows; the bar beside it covers them all.
        assertThat(packetTable().getItems().size()).isEqualTo(Math.min(kept, PacketTableWindow.SIZE));
        assertThat(stillReading).isTrue();
        assertThat(kept).isPositive().isLessThanOrEqualTo(250_000);
        if (kept < 250_000) {
            assertThat(robot.lookup("#status").queryAs(Label.class).getText()).contains("Reading cancelled");
        }
        // Far beyond the table's window: the window moves, the row is selected and drawn.
        long far = kept - 5;
        robot.interact(() -> model.packets().goTo(far));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> visibleRow(robot, far) != null
                && !visibleRow(robot, far).startsWith(far + " |  |"));
        assertThat(robot.lookup("#selection").queryAs(Label.class).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "Selected: packet %,d", far));
        assertThat(window.packetsView().selectedRows()).containsExactly((int) far - 1);
        javafx.scene.control.ScrollBar bar = robot.lookup("#packet-rows").queryAs(javafx.scene.control.ScrollBar.class);
        assertThat(bar.getValue()).isGreaterThan(kept - 100);
        robot.interact(() -> bar.setValue(1000));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> visibleRow(robot, 1001) != null);
        assertThat(window.packetsView().firstVisibleRow()).isEqualTo(1000);
        robot.clickOn("#packet-table").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.packets().selectedPacket().get() == kept);
        Files.delete(big);
    }
}
