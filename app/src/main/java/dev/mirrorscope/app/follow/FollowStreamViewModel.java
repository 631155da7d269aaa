package dev.mirrorscope.app.follow;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.dissect.Conversation;
import dev.mirrorscope.engine.dissect.FlowKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of a Follow Stream window: the conversation, which side to show and how, the lines that makes,
 * and saving. Reading the conversation, building the lines and saving run through the
 * {@link UiTaskExecutor}; touches no control.
 */
public final class FollowStreamViewModel {
    private final FollowStreamLoader loader;
    private final UiTaskExecutor tasks;
    private final ReadOnlyObjectWrapper<Conversation> conversation = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<StreamText.Show> show = new SimpleObjectProperty<>(StreamText.Show.ENTIRE);
    private final ObjectProperty<StreamText.Format> format = new SimpleObjectProperty<>(StreamText.Format.ASCII);
    private final ObservableList<StreamText.Line> lines = FXCollections.observableArrayList();
    private final ObservableList<String> showChoices = FXCollections.observableArrayList(
            "Entire conversation", "A → B", "B → A");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Follow Stream");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private long renderRequest;

    public FollowStreamViewModel(FollowStreamLoader loader, UiTaskExecutor tasks) {
        this.loader = loader;
        this.tasks = tasks;
        show.addListener((obs, old, now) -> render());
        format.addListener((obs, old, now) -> render());
    }

    /** Reads the conversation of packet {@code packetNo} in the background. */
    public void load(long packetNo) {
        loading.set(true);
        error.set(null);
        message.set("Reading the conversation of packet " + packetNo + "…");
        tasks.submit(() -> loader.follow(packetNo), c -> {
            conversation.set(c);
            describe(c);
            message.set("");
            render();
        }, failure -> {
            loading.set(false);
            String m = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
            error.set(m);
            message.set(m);
        });
    }

    private void describe(Conversation c) {
        FlowKey k = c.key();
        title.set("Follow " + k.protocolName() + " Stream · " + k.a() + " ⇄ " + k.b() + (k.vni() >= 0 ? " · VNI "
                + k.vni() : ""));
        long ab = c.bytes(FlowKey.A_TO_B);
        long ba = c.bytes(FlowKey.B_TO_A);
        showChoices.setAll("Entire conversation (" + size(ab + ba) + ")", k.a() + " → " + k.b() + " (" + size(ab) + ")",
                k.b() + " → " + k.a() + " (" + size(ba) + ")");
        long missing = c.missing(FlowKey.A_TO_B) + c.missing(FlowKey.B_TO_A);
        summary.set(String.format(Locale.ROOT, "%,d packets · %s%s%s", c.packets(), size(ab + ba),
                missing > 0 ? " · " + String.format(Locale.ROOT, "%,d", missing) + " bytes missing in capture" : "",
                c.truncated() ? " · stopped at " + size(dev.mirrorscope.engine.dissect.StreamFollower.MAX_BYTES) : ""));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** Builds the lines for the current side and format in the background; an older build is dropped. */
    private void render() {
        Conversation c = conversation.get();
        if (c == null) {
            return;
        }
        long id = ++renderRequest;
        StreamText.Show s = show.get();
        StreamText.Format f = format.get();
        loading.set(true);
        tasks.submit(() -> StreamText.lines(c, s, f, StreamText.MAX_SHOWN_LINES), result -> {
            if (id == renderRequest) {
                lines.setAll(result);
                loading.set(false);
            }
        }, failure -> {
            if (id == renderRequest) {
                loading.set(false);
                error.set(failure.getMessage());
            }
        });
    }

    /** Writes what is shown (every line, or the raw payload for Raw) to {@code file} in the background. */
    public void save(Path file) {
        Conversation c = conversation.get();
        if (c == null) {
            return;
        }
        StreamText.Show s = show.get();
        StreamText.Format f = format.get();
        message.set("Saving " + file.getFileName() + "…");
        tasks.submit(() -> {
            byte[] bytes = StreamText.export(c, s, f);
            Files.write(file, bytes);
            return bytes.length;
        }, n -> message.set("Saved " + size(n) + " to " + file), failure -> {
            String m = file + ": cannot write (" + failure.getMessage() + ")";
            error.set(m);
            message.set(m);
        });
    }

    /** The text of the given lines, for copying. */
    public static String text(List<StreamText.Line> selected) {
        StringBuilder sb = new StringBuilder();
        for (StreamText.Line l : selected) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString();
    }

    public ReadOnlyObjectProperty<Conversation> conversation() {
        return conversation.getReadOnlyProperty();
    }

    public ObjectProperty<StreamText.Show> show() {
        return show;
    }

    public ObjectProperty<StreamText.Format> format() {
        return format;
    }

    public ObservableList<StreamText.Line> lines() {
        return lines;
    }

    /** Labels of the three Show choices, in StreamText.Show order, with the endpoints and sizes once loaded. */
    public ObservableList<String> showChoices() {
        return showChoices;
    }

    public ReadOnlyStringProperty title() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    /** Progress and outcome of loading and saving, for the status line. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** The last failure, or null. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }
}
