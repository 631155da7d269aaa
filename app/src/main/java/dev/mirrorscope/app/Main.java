package dev.mirrorscope.app;

import java.util.Arrays;
import java.util.Locale;
import javafx.application.Application;

/**
 * Entry point of {@code mirrorscope gui [FILE_OR_SESSION...] [--session DIR] [--view V] [--theme T] [--screenshot FILE.png]}.
 * A directory argument is an existing session to open; files are captures to read into the session.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (LaunchOptions.UsageException e) {
            System.err.println("mirrorscope gui: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        } catch (LaunchOptions.BadInputException e) {
            System.err.println("mirrorscope gui: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (!LaunchOptions.BUILT_VIEWS.contains(options.view())) {
            System.err.println("mirrorscope gui: the " + options.view() + " view is not built yet; showing packets");
            options = new LaunchOptions(options.files(), options.session(), "packets", options.screenshot(),
                    options.theme(), options.snapshot());
        }
        if (noDisplay()) {
            System.err.println("mirrorscope gui: no display to open a window on (DISPLAY is not set);"
                    + " on a machine without one, run it under Xvfb: xvfb-run -a mirrorscope gui ...");
            System.exit(1);
        }
        MirrorscopeApp.options = options;
        try {
            Application.launch(MirrorscopeApp.class);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = String.valueOf(root.getMessage() != null ? root.getMessage() : root);
            boolean toolkit = why.contains("GTK") || why.contains("toolkit") || why.contains("display");
            System.err.println("mirrorscope gui: cannot open a window: " + why.lines().findFirst().orElse(why)
                    + (toolkit ? " (on Linux the window needs GTK 3: apt-get install -y libgtk-3-0)" : ""));
            System.exit(1);
        }
        System.exit(MirrorscopeApp.exitCode);
    }

    /** Linux and other X11 systems without DISPLAY or WAYLAND_DISPLAY, unless a headless glass platform was chosen. */
    private static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || System.getProperty("glass.platform") != null) {
            return false;
        }
        return blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
