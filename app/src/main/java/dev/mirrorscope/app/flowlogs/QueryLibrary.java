package dev.mirrorscope.app.flowlogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The console's query history (most recent last, consecutive repeats once, at most {@link #MAX_HISTORY})
 * and named saved queries, kept in a small JSON file; without a file, in memory only.
 */
public final class QueryLibrary {
    public static final int MAX_HISTORY = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A saved query. */
    public record Saved(String name, String query) {
    }

    private final Path file;
    private final List<String> history = new ArrayList<>();
    private final List<Saved> saved = new ArrayList<>();
    private String loadProblem;

    private QueryLibrary(Path file) {
        this.file = file;
    }

    public static QueryLibrary inMemory() {
        return new QueryLibrary(null);
    }

    /** Reads {@code file} when present; a damaged file is set aside (as {@code .bad}) and noted, never fatal. */
    public static QueryLibrary open(Path file) {
        QueryLibrary lib = new QueryLibrary(file);
        if (Files.isRegularFile(file)) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                for (JsonNode h : root.path("history")) {
                    lib.history.add(h.asText());
                }
                for (JsonNode s : root.path("saved")) {
                    lib.saved.add(new Saved(s.path("name").asText(), s.path("query").asText()));
                }
            } catch (IOException e) {
                lib.history.clear();
                lib.saved.clear();
                lib.loadProblem = file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("")
                        + "); started afresh";
                try {
                    Files.move(file, file.resolveSibling(file.getFileName() + ".bad"),
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ignored) {
                    // it stays where it is; the next save replaces it
                }
            }
        }
        return lib;
    }

    /** Why the file could not be read, or null. */
    public String loadProblem() {
        return loadProblem;
    }

    public List<String> history() {
        return List.copyOf(history);
    }

    public List<Saved> saved() {
        return List.copyOf(saved);
    }

    public void addHistory(String query) throws IOException {
        String q = query.strip();
        if (q.isEmpty() || (!history.isEmpty() && history.get(history.size() - 1).equals(q))) {
            return;
        }
        history.add(q);
        while (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
        store();
    }

    /** Saves (or replaces) the query called {@code name}. */
    public void save(String name, String query) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a saved query needs a name");
        }
        saved.removeIf(s -> s.name().equals(name.strip()));
        saved.add(new Saved(name.strip(), query));
        store();
    }

    public void delete(String name) throws IOException {
        if (saved.removeIf(s -> s.name().equals(name))) {
            store();
        }
    }

    public Optional<Saved> find(String name) {
        return saved.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private void store() throws IOException {
        if (file == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode h = root.putArray("history");
        history.forEach(h::add);
        ArrayNode s = root.putArray("saved");
        for (Saved q : saved) {
            s.addObject().put("name", q.name()).put("query", q.query());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
