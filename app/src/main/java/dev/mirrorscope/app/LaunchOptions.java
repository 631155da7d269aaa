package dev.mirrorscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The gui command's arguments: captures to open, the session, the view and a screenshot file. */
record LaunchOptions(List<Path> files, Path session, String view, Path screenshot, String theme, Path snapshot) {

    LaunchOptions(List<Path> files, Path session, String view, Path screenshot, String theme) {
        this(files, session, view, screenshot, theme, null);
    }

    static final String USAGE = "Usage: mirrorscope gui [FILE_OR_SESSION...] [--session DIR] [--snapshot DIR]"
            + " [--view packets|flows|reach|access] [--theme light|dark] [--screenshot FILE.png]";
    /** Every view of the command-line contract; the ones not built yet open the packet view. */
    static final Set<String> VIEWS = Set.of("packets", "flows", "timeline", "heatmap", "metrics", "flowlogs", "reach",
            "live", "access");
    static final Set<String> BUILT_VIEWS = Set.of("packets", "flows", "reach", "access");

    /** A mistake in the arguments themselves (exit code 2). */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** A directory among the arguments that is not a session, or a second session (exit code 1). */
    static final class BadInputException extends Exception {
        BadInputException(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments after {@code gui}. A directory is a session to open and must hold one (so a
     * mistyped folder does not become a session) or a VPC snapshot (a directory of describe-*.json files);
     * {@code --session DIR} also creates a session when missing.
     */
    static LaunchOptions parse(String... args) throws UsageException, BadInputException {
        List<Path> files = new ArrayList<>();
        Path session = null;
        Path screenshot = null;
        String view = "packets";
        String theme = null;
        Path snapshot = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--session" -> session = oneSession(session, Path.of(value(args, ++i, a)));
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, a));
                case "--view" -> view = value(args, ++i, a);
                case "--snapshot" -> {
                    snapshot = Path.of(value(args, ++i, a));
                    if (!Files.isDirectory(snapshot)) {
                        throw new BadInputException(snapshot + ": not a directory of describe-*.json files");
                    }
                }
                case "--theme" -> {
                    theme = value(args, ++i, a);
                    if (!theme.equals("light") && !theme.equals("dark")) {
                        throw new UsageException("--theme must be light or dark");
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    Path p = Path.of(a);
                    if (Files.isDirectory(p) && isSnapshot(p)) {
                        snapshot = p;
                    } else if (Files.isDirectory(p)) {
                        if (!Files.exists(p.resolve("session.mv.db"))) {
                            throw new BadInputException(p + ": a directory, but no session here; give capture files,"
                                    + " or --session " + p + " to make it one");
                        }
                        session = oneSession(session, p);
                    } else {
                        files.add(p);
                    }
                }
            }
        }
        if (!VIEWS.contains(view)) {
            throw new UsageException("--view must be one of " + String.join(", ", VIEWS.stream().sorted().toList()));
        }
        return new LaunchOptions(List.copyOf(files), session, view, screenshot, theme, snapshot);
    }

    /** A VPC snapshot directory holds at least one file an EC2 describe call printed. */
    static boolean isSnapshot(Path dir) {
        try (var names = Files.list(dir)) {
            return names.map(f -> f.getFileName().toString())
                    .anyMatch(n -> n.startsWith("describe-") && n.endsWith(".json"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Path oneSession(Path earlier, Path dir) throws BadInputException {
        if (earlier != null && !earlier.equals(dir)) {
            throw new BadInputException("one session at a time: " + earlier + " and " + dir);
        }
        return dir;
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }
}
