package dev.mirrorscope.app.reach;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * A development launcher that shows the path view (or the access view) on a snapshot and saves a PNG of it, to
 * look at the views without the main window. Run under Xvfb:
 * <pre>
 * xvfb-run -a -s '-screen 0 1500x950x24' java -cp ... dev.mirrorscope.app.reach.ReachPreview \
 *     --snapshot DIR --source web-1 --destination db-1 --port 5432 --theme dark --out shot.png
 * </pre>
 * {@code --flow SRC,SPORT,DST,DPORT,PROTO[,ACTION]} explains a flow instead; {@code --view access} shows the
 * access view; {@code --select N} selects the N-th hop of the table after the analysis; {@code --type TEXT}
 * types into the source picker so its suggestions show.
 */
public final class ReachPreview extends Application {
    private static Map<String, String> opts = Map.of();

    public static void main(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        opts = m;
        Application.launch(ReachPreview.class);
    }

    @Override
    public void start(Stage stage) {
        UiTaskExecutor tasks = new UiTaskExecutor(Platform::runLater);
        ReachViewModel model = new ReachViewModel(tasks);
        ReachView view = new ReachView(model);
        AccessViewModel accessModel = new AccessViewModel(tasks, model);
        AccessView access = new AccessView(accessModel);
        boolean accessView = "access".equals(opts.get("view"));
        TabPane tabs = new TabPane(new Tab("Reachability", view.root()), new Tab("Access", access.root()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        access.setOnOpenInPathView(() -> tabs.getSelectionModel().select(0));
        if (accessView) {
            tabs.getSelectionModel().select(1);
        }
        String[] size = opts.getOrDefault("size", "1500x950").split("x");
        Scene scene = new Scene((Parent) tabs, Double.parseDouble(size[0]), Double.parseDouble(size[1]));
        List<String> sheets = new ArrayList<>();
        sheets.add(Objects.requireNonNull(ReachPreview.class.getResource("/dev/mirrorscope/app/light.css"))
                .toExternalForm());
        if ("dark".equals(opts.get("theme"))) {
            sheets.add(Objects.requireNonNull(ReachPreview.class.getResource("/dev/mirrorscope/app/reach/preview-dark.css"))
                    .toExternalForm());
        }
        scene.getStylesheets().setAll(sheets);
        stage.setScene(scene);
        stage.setTitle("Mirrorscope · reachability preview");
        stage.show();
        Path out = Path.of(opts.getOrDefault("out", "reach-preview.png"));
        model.snapshot().addListener((obs, was, now) -> {
            if (now == null) {
                return;
            }
            if (accessView) {
                accessModel.ensureAnalysed();
                return;
            }
            if (opts.containsKey("flow")) {
                String[] f = opts.get("flow").split(",");
                model.prefill(f[0], Integer.valueOf(f[1]), f[2], Integer.valueOf(f[3]), Integer.parseInt(f[4]),
                        f.length > 5 ? f[5] : null);
            } else if (opts.containsKey("source")) {
                model.source().set(opts.get("source"));
                model.destination().set(opts.get("destination"));
                model.protocol().set(Protocol.parse(opts.getOrDefault("protocol", "tcp")));
                model.port().set(opts.getOrDefault("port", ""));
                model.analyze();
            } else {
                later(scene, out, 600);
            }
        });
        model.result().addListener((obs, was, now) -> {
            if (now != null) {
                if (opts.containsKey("select")) {
                    model.selectedHop().set(model.hops().get(Integer.parseInt(opts.get("select"))));
                }
                if (opts.containsKey("type")) {
                    view.sourcePicker.field().requestFocus();
                    Platform.runLater(() -> view.sourcePicker.field().setText(opts.get("type")));
                }
                later(scene, out, 700);
            }
        });
        model.error().addListener((obs, was, now) -> {
            if (now != null) {
                System.err.println("preview: " + now);
                later(scene, out, 500);
            }
        });
        accessModel.done().addListener((obs, was, now) -> {
            if (now && accessView) {
                later(scene, out, 700);
            }
        });
        if (opts.containsKey("snapshot")) {
            model.loadSnapshot(Path.of(opts.get("snapshot")));
        } else {
            later(scene, out, 600);
        }
    }

    private static void later(Scene scene, Path out, int ms) {
        PauseTransition p = new PauseTransition(Duration.millis(ms));
        p.setOnFinished(e -> {
            BufferedImage img = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
            // Completion lists are windows of their own: drawn over the scene where they show.
            java.awt.Graphics2D g = img.createGraphics();
            javafx.stage.Window main = scene.getWindow();
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w != main && w.isShowing() && w.getScene() != null) {
                    javafx.scene.SnapshotParameters clear = new javafx.scene.SnapshotParameters();
                    clear.setFill(javafx.scene.paint.Color.TRANSPARENT);
                    BufferedImage over = SwingFXUtils.fromFXImage(w.getScene().getRoot().snapshot(clear, null), null);
                    g.drawImage(over, (int) (w.getX() + w.getScene().getX() - main.getX() - scene.getX()),
                            (int) (w.getY() + w.getScene().getY() - main.getY() - scene.getY()), null);
                }
            }
            g.dispose();
            try {
                ImageIO.write(img, "png", out.toFile());
                System.err.println("preview: saved " + out);
            } catch (IOException ex) {
                System.err.println("preview: " + ex);
            }
            Platform.exit();
        });
        p.play();
    }
}
