package dev.mirrorscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The gui command's arguments: captures to open, the session, the view and a screenshot file. */
record LaunchOptions(List<Path> files, Path session, String view, Path screenshot, String theme) {
    static final String USAGE = "Usage: mirrorscope gui [FILE_OR_SESSION...] [--session DIR] [--view packets|flows]"
            + " [--theme light|dark] [--screenshot FILE.png]";
    /** Every view of the command-line contract; the ones not built yet open the packet view. */
    static final Set<String> VIEWS = Set.of("packets", "flows", "timeline", "heatmap", "metrics", "flowlogs", "reach",
            "live");
    static final Set<String> BUILT_VIEWS = Set.of("packets", "flows");

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
     * mistyped folder does not become a session); {@code --session DIR} also creates one when missing.
     */
    static LaunchOptions parse(String... args) throws UsageException, BadInputException {
        List<Path> files = new ArrayList<>();
        Path session = null;
        Path screenshot = null;
        String view = "packets";
        String theme = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--session" -> session = oneSession(session, Path.of(value(args, ++i, a)));
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, a));
                case "--view" -> view = value(args, ++i, a);
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
                    if (Files.isDirectory(p)) {
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
        return new LaunchOptions(List.copyOf(files), session, view, screenshot, theme);
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
