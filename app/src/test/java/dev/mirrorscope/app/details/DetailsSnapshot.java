package dev.mirrorscope.app.details;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.follow.FollowStreamLoader;
import dev.mirrorscope.app.follow.FollowStreamWindow;
import dev.mirrorscope.app.follow.StreamText;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.dissect.ProtocolNode;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Development launcher, not a test: shows the details pane and Follow Stream on the fixture capture and
 * writes PNG snapshots, to look at them before they are wired into the main window. Run under Xvfb:
 * {@code xvfb-run -a -s '-screen 0 1400x900x24' java [-Dcapture=FILE] -cp ... dev.mirrorscope.app.details.DetailsSnapshot
 * OUT_DIR [PACKET [FIELD [light|dark [FOLLOW_PACKET]]]]}.
 */
public final class DetailsSnapshot {
    private DetailsSnapshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/snapshots");
        long packet = args.length > 1 ? Long.parseLong(args[1]) : 16;
        String field = args.length > 2 ? args[2] : "tls.handshake.extensions_server_name";
        boolean dark = args.length > 3 && args[3].equals("dark");
        Files.createDirectories(out);
        Path sessionDir = Files.createTempDirectory("details-snapshot");
        Session session = Session.open(sessionDir);
        Path capture = System.getProperty("capture") != null ? Path.of(System.getProperty("capture"))
                : Path.of(Objects.requireNonNull(DetailsSnapshot.class.getResource("/mirror-mixed.pcap")).toURI());
        session.ingest(List.of(capture), IngestOptions.defaults(), IngestListener.NONE);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        UiTaskExecutor tasks = new UiTaskExecutor(Platform::runLater);
        String css = Objects.requireNonNull(DetailsSnapshot.class.getResource("/dev/mirrorscope/app/light.css"))
                .toExternalForm();
        PacketDetailsPane[] pane = new PacketDetailsPane[1];
        Stage[] main = new Stage[1];
        Platform.runLater(() -> {
            pane[0] = new PacketDetailsPane(PacketDetailsLoader.of(session), tasks);
            Scene scene = new Scene(pane[0], 1000, 760);
            scene.getStylesheets().add(css);
            if (dark) {
                scene.getRoot().setStyle("-fx-base: #2b2d31; -fx-control-inner-background: #1e1f22; -fx-accent: #3d7be0;");
            }
            main[0] = new Stage();
            main[0].setScene(scene);
            main[0].show();
            pane[0].show(packet);
        });
        waitFor(() -> pane[0] != null && pane[0].viewModel().dissection().get() != null);
        Platform.runLater(() -> {
            PacketDetailsViewModel m = pane[0].viewModel();
            List<ProtocolNode> nodes = m.dissection().get().find(field);
            if (!nodes.isEmpty()) {
                m.select(nodes.get(0));
            }
        });
        Thread.sleep(700);
        snapshot(() -> main[0].getScene().getRoot(), out.resolve("details" + (dark ? "-dark" : "") + ".png"));

        FollowStreamWindow[] follow = new FollowStreamWindow[1];
        Platform.runLater(() -> follow[0] = FollowStreamWindow.open(main[0], FollowStreamLoader.of(session), tasks,
                args.length > 4 ? Long.parseLong(args[4]) : 4));
        waitFor(() -> follow[0] != null && !follow[0].viewModel().lines().isEmpty()
                && !follow[0].viewModel().loading().get());
        Thread.sleep(500);
        snapshot(() -> follow[0].root(), out.resolve("follow-ascii" + (dark ? "-dark" : "") + ".png"));
        Platform.runLater(() -> follow[0].viewModel().format().set(StreamText.Format.HEX_DUMP));
        Thread.sleep(300);
        waitFor(() -> !follow[0].viewModel().loading().get());
        Thread.sleep(500);
        snapshot(() -> follow[0].root(), out.resolve("follow-hex" + (dark ? "-dark" : "") + ".png"));
        Platform.exit();
        session.close();
        System.exit(0);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            boolean[] ok = {false};
            CountDownLatch l = new CountDownLatch(1);
            Platform.runLater(() -> {
                ok[0] = condition.getAsBoolean();
                l.countDown();
            });
            l.await(5, TimeUnit.SECONDS);
            if (ok[0]) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out");
    }

    private static void snapshot(java.util.function.Supplier<Parent> node, Path file) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(node.get().snapshot(null, null), null), "png", file.toFile());
                System.err.println("snapshot " + file);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                l.countDown();
            }
        });
        l.await();
    }
}
