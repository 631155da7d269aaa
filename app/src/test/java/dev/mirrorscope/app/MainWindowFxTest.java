package dev.mirrorscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle) end to end: open a capture in the real window, the tables fill off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    @TempDir
    static Path tmp;

    private MainViewModel model;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(new UiTaskExecutor(Platform::runLater), tmp.resolve("session"));
        window = new MainWindow(model, stage, false);
        Scene scene = new Scene(window.root(), 1200, 700);
        scene.getStylesheets().add(MirrorscopeApp.class.getResource(MirrorscopeApp.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void openingACaptureFillsTheTablesAndTheStatusBar(FxRobot robot) throws Exception {
        Path capture = MainViewModelTest.fixture();
        Platform.runLater(() -> model.open(List.of(capture)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.loaded().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.packetTable.getItems()).hasSize(222);
        assertThat(window.flowTable.getItems()).isNotEmpty();
        assertThat(stage.getTitle()).isEqualTo("mirror-mixed.pcap — Mirrorscope");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Packets: 222");
        robot.interact(() -> window.showView("flows"));
        assertThat(robot.lookup(".table-row-cell").queryAll()).isNotEmpty();
    }
}
