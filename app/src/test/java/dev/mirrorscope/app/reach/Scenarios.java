package dev.mirrorscope.app.reach;

import java.nio.file.Files;
import java.nio.file.Path;

/** The engine's documented reachability scenarios (each directory's README says why its answers are right). */
final class Scenarios {
    private static final String DIR = "analysis-engine/src/test/resources/reach/scenarios";

    private Scenarios() {
    }

    static Path dir(String name) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve(DIR).resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scenario " + name + " not found above " + here);
    }
}
