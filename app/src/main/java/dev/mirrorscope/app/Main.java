package dev.mirrorscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.application.Application;

/**
 * Entry point of {@code mirrorscope gui [FILE_OR_SESSION...] [--session DIR] [--view V] [--screenshot FILE.png]}.
 * A directory argument is an existing session to open; files are captures to read into the session.
 */
public final class Main {
    private static final Set<String> VIEWS = Set.of("packets", "flows", "timeline", "heatmap", "metrics", "flowlogs",
            "reach", "live");

    private Main() {
    }

    public static void main(String[] args) {
        List<Path> files = new ArrayList<>();
        Path session = null;
        Path screenshot = null;
        String view = "packets";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--session" -> session = Path.of(value(args, ++i, a));
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, a));
                case "--view" -> view = value(args, ++i, a);
                case "-h", "--help" -> {
                    System.out.println("Usage: mirrorscope gui [FILE_OR_SESSION...] [--session DIR]"
                            + " [--view packets|flows] [--screenshot FILE.png]");
                    return;
                }
                default -> {
                    if (a.startsWith("--")) {
                        usage("unknown option " + a);
                    }
                    Path p = Path.of(a);
                    if (Files.isDirectory(p) && session == null) {
                        session = p;
                    } else {
                        files.add(p);
                    }
                }
            }
        }
        if (!VIEWS.contains(view)) {
            usage("--view must be one of " + String.join(", ", VIEWS.stream().sorted().toList()));
        }
        if (!view.equals("packets") && !view.equals("flows")) {
            System.err.println("mirrorscope: the " + view + " view is not built yet; showing packets");
            view = "packets";
        }
        MirrorscopeApp.options = new LaunchOptions(List.copyOf(files), session, view, screenshot);
        Application.launch(MirrorscopeApp.class);
        System.exit(MirrorscopeApp.exitCode);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("mirrorscope gui: " + message);
        System.exit(2);
    }
}
