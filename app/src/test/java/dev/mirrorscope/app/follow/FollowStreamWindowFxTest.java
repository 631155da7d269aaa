package dev.mirrorscope.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle): Follow Stream shows both sides in their colours, one side on request, other formats. */
@ExtendWith(ApplicationExtension.class)
class FollowStreamWindowFxTest {
    private FollowStreamWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new FollowStreamWindow(new FollowStreamViewModel(no -> FollowStreamViewModelTest.conversation(),
                new UiTaskExecutor(Platform::runLater)));
        stage.setScene(new Scene(window.root(), 900, 600));
        stage.show();
    }

    private void load(FxRobot robot) throws Exception {
        robot.interact(() -> window.viewModel().load(4));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.viewModel().lines().isEmpty()
                && !window.viewModel().loading().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void bothSidesAreShownInTheirOwnColour(FxRobot robot) throws Exception {
        load(robot);
        assertThat(robot.lookup(".list-cell.follow-a").match((ListCell<?> c) -> c.getText() != null
                && c.getText().equals("GET / HTTP/1.1")).queryAll()).hasSize(1);
        assertThat(robot.lookup(".list-cell.follow-b").match((ListCell<?> c) -> "HTTP/1.1 200 OK".equals(c.getText())).queryAll())
                .hasSize(1);
        assertThat(robot.lookup(".list-cell.follow-gap").match((ListCell<?> c) -> c.getText() != null
                && c.getText().contains("1,338 bytes missing")).queryAll()).hasSize(1);
        assertThat(robot.lookup(".follow-title").queryLabeled().getText())
                .isEqualTo("Follow TCP Stream · 203.0.113.106:60321 ⇄ 10.0.1.10:80 · VNI 101");
    }

    @Test
    void choosingOneSideAndAnotherFormatRedrawsTheText(FxRobot robot) throws Exception {
        load(robot);
        robot.interact(() -> window.side.setValue(StreamText.Show.B_TO_A));
        robot.interact(() -> window.format.setValue(StreamText.Format.RAW));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().lines().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".list-cell.follow-a").match((ListCell<?> c) -> !c.isEmpty()).queryAll()).isEmpty();
        assertThat(robot.lookup(".list-cell.follow-b.follow-gap").queryAll()).hasSize(1);
        assertThat(window.text.getItems().get(0).text()).isEqualTo("485454502f312e3120323030204f4b0d0a");
        assertThat(window.side.getConverter().toString(StreamText.Show.B_TO_A))
                .isEqualTo("10.0.1.10:80 → 203.0.113.106:60321 (41 bytes)");
    }

    @Test
    void openShowsAWindowTitledByTheConversation(FxRobot robot) throws Exception {
        FollowStreamWindow[] opened = new FollowStreamWindow[1];
        robot.interact(() -> opened[0] = FollowStreamWindow.open(stage, no -> FollowStreamViewModelTest.conversation(),
                new UiTaskExecutor(Platform::runLater), 4));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !opened[0].viewModel().lines().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened[0].stage().isShowing()).isTrue();
        assertThat(opened[0].stage().getTitle()).startsWith("Follow TCP Stream");
        assertThat(opened[0].stage().getOwner()).isSameAs((Window) stage);
        robot.interact(() -> stage.getScene().getStylesheets().add("data:text/css,.root{}"));
        assertThat(opened[0].stage().getScene().getStylesheets()).contains("data:text/css,.root{}");
        robot.interact(() -> opened[0].stage().close());
    }
}
