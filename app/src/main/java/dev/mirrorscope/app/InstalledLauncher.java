package dev.mirrorscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code mirrorscope} command of an installed package, which is both the workstation and the command
 * line, as the repository's launcher script is: no arguments, {@code gui ...}, or captures and sessions
 * (as a desktop "open with" passes them) open the workstation; anything else is a command-line command.
 */
public final class InstalledLauncher {
    private InstalledLauncher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || Files.exists(Path.of(args[0]))) {
            Main.main(args);
        } else if (args[0].equals("gui")) {
            Main.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            dev.mirrorscope.cli.Main.main(args);
        }
    }
}
