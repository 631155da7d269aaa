package dev.mirrorscope.app.details;

import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.dissect.Dissection;
import dev.mirrorscope.engine.dissect.PacketDissector;
import java.nio.file.Path;

/**
 * Where the details pane gets a packet's tree from. Called on a background thread, never on the FX thread;
 * may block on disk. Throws IllegalArgumentException (with a message for people) for a packet that is not there.
 */
@FunctionalInterface
public interface PacketDetailsLoader {
    Dissection load(long packetNo) throws Exception;

    /** Packets of an open session (its methods are synchronized, so sharing it with other work is safe). */
    static PacketDetailsLoader of(Session session) {
        return no -> new PacketDissector(session.decodeOptions()).dissect(session.packet(no).orElseThrow(
                () -> new IllegalArgumentException("packet " + no + " is not in this session")));
    }

    /** Packets of the session in {@code directory}, opened for each request and closed after it. */
    static PacketDetailsLoader ofDirectory(Path directory) {
        return no -> {
            try (Session s = Session.open(directory)) {
                return of(s).load(no);
            }
        };
    }
}
