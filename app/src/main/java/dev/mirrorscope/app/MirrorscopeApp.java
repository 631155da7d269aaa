package dev.mirrorscope.app;

import dev.mirrorscope.app.common.UiTaskExecutor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/** The JavaFX application: one main window over one session. */
public final class MirrorscopeApp extends Application {
    static final String STYLESHEET = "/dev/mirrorscope/app/light.css";
    static final String ICON = "/dev/mirrorscope/app/icons/mirrorscope.png";
    /** Layout and CSS get a few pulses after the tables are filled before a screenshot is taken. */
    private static final Duration SCREENSHOT_SETTLE = Duration.millis(400);

    /** What the command line asked for; set by {@link Main} before launch. */
    static volatile LaunchOptions options = new LaunchOptions(List.of(), null, "packets", null);
    /** Exit code for --screenshot runs. */
    static volatile int exitCode;

    private MainViewModel model;

    @Override
    public void start(Stage stage) throws IOException {
        LaunchOptions o = options;
        Path session = o.session();
        if (session == null) {
            session = TemporarySession.create().dir();
        }
        model = new MainViewModel(new UiTaskExecutor(Platform::runLater), session);
        boolean screenshot = o.screenshot() != null;
        MainWindow window = new MainWindow(model, stage, !screenshot);
        Scene scene = new Scene(window.root(), 1400, 860);
        scene.getStylesheets().add(Objects.requireNonNull(MirrorscopeApp.class.getResource(STYLESHEET)).toExternalForm());
        stage.getIcons().add(new Image(Objects.requireNonNull(MirrorscopeApp.class.getResourceAsStream(ICON))));
        stage.setScene(scene);
        window.showView(o.view());
        stage.show();
        if (screenshot) {
            model.loaded().addListener((obs, was, now) -> {
                if (now) {
                    screenshotWhenSettled(scene, o.screenshot());
                }
            });
        }
        // Nothing to read and no session to show: an empty window, no session store to create.
        if (!o.files().isEmpty() || o.session() != null) {
            model.open(o.files());
        } else if (screenshot) {
            screenshotWhenSettled(scene, o.screenshot());
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            model.cancel();
        }
    }

    private void screenshotWhenSettled(Scene scene, Path file) {
        if (model.warning().get() != null) {
            model.warning().get().lines().forEach(w -> System.err.println("mirrorscope: " + w));
        }
        if (model.error().get() != null) {
            System.err.println("mirrorscope: " + model.error().get());
            exitCode = 1;
            Platform.exit();
            return;
        }
        PauseTransition settle = new PauseTransition(SCREENSHOT_SETTLE);
        settle.setOnFinished(e -> snapshot(scene, file));
        settle.play();
    }

    private static void snapshot(Scene scene, Path file) {
        WritableImage image = scene.snapshot(null);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try {
            ImageIO.write(buffered, "png", file.toFile());
            System.err.println("mirrorscope: screenshot saved to " + file);
        } catch (IOException e) {
            System.err.println("mirrorscope: cannot write " + file + ": " + e.getMessage());
            exitCode = 1;
        }
        Platform.exit();
    }
}
