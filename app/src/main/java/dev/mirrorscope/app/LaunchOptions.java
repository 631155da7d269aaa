package dev.mirrorscope.app;

import java.nio.file.Path;
import java.util.List;

/** The gui command's arguments: captures to open, the session, the view and a screenshot file. */
record LaunchOptions(List<Path> files, Path session, String view, Path screenshot) {
}
