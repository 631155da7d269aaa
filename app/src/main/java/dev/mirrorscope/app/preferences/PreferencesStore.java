package dev.mirrorscope.app.preferences;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executor;

/**
 * Preferences as JSON in {@code $XDG_CONFIG_HOME/mirrorscope/preferences.json} (or {@code ~/.config/...}).
 * A missing file gives the defaults; an unreadable one gives the defaults and one line on stderr, and is
 * replaced at the next save. Saving writes a copy on the given executor, never on the caller's thread.
 */
public final class PreferencesStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Executor writer;
    private final Preferences preferences;

    public PreferencesStore(Path file, Executor writer) {
        this.file = file;
        this.writer = writer;
        this.preferences = load(file);
    }

    /** Preferences that are never saved: for tests and screenshots. */
    public static PreferencesStore inMemory() {
        return new PreferencesStore(null, r -> { });
    }

    /** The usual file of the current user. */
    public static Path defaultFile() {
        String base = System.getenv("XDG_CONFIG_HOME");
        Path config = base != null && !base.isBlank() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("mirrorscope").resolve("preferences.json");
    }

    public Path file() {
        return file;
    }

    /** The live preferences; change them, then {@link #save()}. */
    public Preferences get() {
        return preferences;
    }

    private static Preferences load(Path file) {
        if (file == null || !Files.exists(file)) {
            return new Preferences();
        }
        try {
            Preferences p = JSON.readValue(file.toFile(), Preferences.class);
            return p != null ? p : new Preferences();
        } catch (IOException e) {
            System.err.println("mirrorscope: " + file + ": cannot read the preferences (" + oneLine(e)
                    + "); using the defaults");
            return new Preferences();
        }
    }

    /** Writes a snapshot of the preferences in the background; the file is replaced whole. */
    public void save() {
        if (file == null) {
            return;
        }
        Preferences snapshot = preferences.copy();
        writer.execute(() -> {
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                JSON.writeValue(tmp.toFile(), snapshot);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                System.err.println("mirrorscope: cannot save the preferences to " + file + ": " + oneLine(e));
            }
        });
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
