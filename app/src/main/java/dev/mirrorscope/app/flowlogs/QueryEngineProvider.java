package dev.mirrorscope.app.flowlogs;

import dev.mirrorscope.engine.query.QueryEngine;
import java.io.IOException;

/**
 * Gives the console an engine for a choice; called off the UI thread. The app builds the local one from
 * the session and the remote ones from the AWS settings (profile, region, endpoint) the user picked.
 */
@FunctionalInterface
public interface QueryEngineProvider {
    QueryEngine engine(EngineChoice choice) throws IOException;
}
