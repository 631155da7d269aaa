package dev.mirrorscope.engine.reach.snapshot;

import java.io.IOException;

/**
 * A snapshot file that cannot be read as the AWS CLI prints it. The message names the file and the JSON path
 * of the bad field (or the line and column of a syntax error), in one line.
 */
public final class SnapshotFormatException extends IOException {
    private final String file;
    private final String jsonPath;

    public SnapshotFormatException(String file, String jsonPath, String problem) {
        super(file + ": " + jsonPath + ": " + problem);
        this.file = file;
        this.jsonPath = jsonPath;
    }

    public String file() {
        return file;
    }

    /** Like {@code $.SecurityGroups[0].IpPermissions[2].FromPort}. */
    public String jsonPath() {
        return jsonPath;
    }
}
