package dev.mirrorscope.app;

import dev.mirrorscope.app.common.UiTaskExecutor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
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
    /** What the command line asked for; set by {@link Main} before launch. */
    static volatile LaunchOptions options = new LaunchOptions(java.util.List.of(), null, "packets", null);
    /** Exit code for --screenshot runs. */
    static volatile int exitCode;

    @Override
    public void start(Stage stage) throws IOException {
        LaunchOptions o = options;
        Path session = o.session() != null ? o.session() : MainViewModel.defaultSessionDir();
        MainViewModel model = new MainViewModel(new UiTaskExecutor(Platform::runLater), session);
        boolean screenshot = o.screenshot() != null;
        MainWindow window = new MainWindow(model, stage, !screenshot);
        Scene scene = new Scene(window.root(), 1400, 860);
        scene.getStylesheets().add(Objects.requireNonNull(
                MirrorscopeApp.class.getResource("/dev/mirrorscope/app/light.css")).toExternalForm());
        stage.setTitle("Mirrorscope");
        stage.getIcons().add(new Image(Objects.requireNonNull(
                MirrorscopeApp.class.getResourceAsStream("/dev/mirrorscope/app/icon.png"))));
        stage.setScene(scene);
        window.showView(o.view());
        stage.show();
        if (screenshot) {
            model.loaded().addListener((obs, was, now) -> {
                if (now) {
                    if (model.error().get() != null && model.packets().isEmpty()) {
                        System.err.println("mirrorscope: " + model.error().get());
                        exitCode = 1;
                        Platform.exit();
                        return;
                    }
                    // Let layout and CSS settle for a couple of pulses before taking the picture.
                    PauseTransition settle = new PauseTransition(Duration.millis(400));
                    settle.setOnFinished(e -> snapshot(scene, o.screenshot()));
                    settle.play();
                }
            });
        }
        model.open(o.files());
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
