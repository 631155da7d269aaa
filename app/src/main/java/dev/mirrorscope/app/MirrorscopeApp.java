package dev.mirrorscope.app;

import dev.mirrorscope.app.common.Theme;
import dev.mirrorscope.app.details.PacketDetailsLoader;
import dev.mirrorscope.app.details.PacketDetailsPane;
import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.filterbar.PacketFilterService;
import dev.mirrorscope.app.preferences.PreferencesStore;
import dev.mirrorscope.engine.Session;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/** The JavaFX application: one main window over one session at a time. */
public final class MirrorscopeApp extends Application {
    static final String ICON = "/dev/mirrorscope/app/icons/mirrorscope.png";
    /** Layout and CSS get a few pulses after the tables are filled before a screenshot is taken. */
    private static final Duration SCREENSHOT_SETTLE = Duration.millis(400);
    /** A screenshot waits at most this long for the visible rows to arrive after loading. */
    private static final long SCREENSHOT_ROWS_WAIT_MS = 15_000;

    /** What the command line asked for; set by {@link Main} before launch. */
    static volatile LaunchOptions options = new LaunchOptions(List.of(), null, "packets", null, null);
    /** Display filters: the engine's filter language, once wired in. */
    static volatile PacketFilterService filters = PacketFilterService.UNAVAILABLE;
    /** Exit code for --screenshot runs. */
    static volatile int exitCode;

    private MainViewModel model;
    private MainWindow window;

    @Override
    public void start(Stage stage) throws IOException {
        LaunchOptions o = options;
        boolean screenshot = o.screenshot() != null;
        UiTaskExecutor tasks = new UiTaskExecutor(Platform::runLater);
        // A screenshot run reads the preferences but leaves them as they were.
        PreferencesStore prefs = new PreferencesStore(PreferencesStore.defaultFile(),
                screenshot ? r -> { } : tasks.serial());
        if (o.theme() != null) {
            prefs.get().theme = o.theme();
        }
        boolean temporary = o.session() == null;
        Path session = temporary ? TemporarySession.create().dir() : o.session();
        model = new MainViewModel(tasks, session, temporary, prefs, filters, () -> TemporarySession.create().dir());
        window = new MainWindow(model, stage, !screenshot);
        Scene scene = new Scene(window.root(), Math.max(800, prefs.get().windowWidth),
                Math.max(500, prefs.get().windowHeight));
        stage.setScene(scene);
        window.applyTheme();
        stage.getIcons().add(new Image(Objects.requireNonNull(MirrorscopeApp.class.getResourceAsStream(ICON))));
        model.session().addListener((obs, was, now) -> {
            if (now != null) {
                attachDetails(window, now, tasks);
            }
        });
        window.showView(o.view());
        stage.setOnCloseRequest(e -> {
            if (!screenshot) {
                window.savePreferences();
            }
        });
        stage.show();
        if (screenshot) {
            model.loaded().addListener((obs, was, now) -> {
                if (now) {
                    screenshotWhenSettled(scene, o.screenshot());
                }
            });
        }
        if (o.snapshot() != null) {
            window.openSnapshot(o.snapshot());
            window.showView(o.view());
        }
        // Nothing to read and no session to show: an empty window, no session store to create.
        if (!o.files().isEmpty() || o.session() != null) {
            model.open(o.files());
        } else if (screenshot) {
            screenshotWhenSettled(scene, o.screenshot());
        }
    }

    /**
     * Puts the packet details component under the packet table for a newly opened session:
     * {@code window.packetsView().setDetails(component, component::show)}, where {@code show(long)} takes
     * the selected packet's session number (below 1 when nothing is selected).
     */
    static void attachDetails(MainWindow window, Session session, UiTaskExecutor tasks) {
        PacketDetailsPane details = new PacketDetailsPane(PacketDetailsLoader.of(session), tasks);
        window.packetsView().setDetails(details, no -> {
            if (no < 1) {
                details.clear();
            } else {
                details.show(no);
            }
        });
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close(3000);
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
        long until = System.currentTimeMillis() + SCREENSHOT_ROWS_WAIT_MS;
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(50), e -> {
            boolean reachDone = options.snapshot() == null || window.reach().error().get() != null
                    || (window.reach().snapshot().get() != null && !window.reach().busy().get());
            if ((model.packets().settled() && reachDone) || System.currentTimeMillis() > until) {
                poll.stop();
                PauseTransition settle = new PauseTransition(SCREENSHOT_SETTLE);
                settle.setOnFinished(x -> {
                    // Rows that came into view during the pause are read before the picture is taken.
                    if (!model.packets().settled() && System.currentTimeMillis() < until) {
                        screenshotWhenSettled(scene, file);
                    } else {
                        snapshot(scene, file);
                    }
                });
                settle.play();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
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
