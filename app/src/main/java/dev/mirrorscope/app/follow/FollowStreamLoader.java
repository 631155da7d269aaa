package dev.mirrorscope.app.follow;

import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.dissect.Conversation;
import dev.mirrorscope.engine.dissect.StreamFollower;
import java.nio.file.Path;

/**
 * Where Follow Stream gets a conversation from: the one packet {@code packetNo} belongs to. Called on a
 * background thread; throws IllegalArgumentException (with a message for people) when the packet has none.
 */
@FunctionalInterface
public interface FollowStreamLoader {
    Conversation follow(long packetNo) throws Exception;

    static FollowStreamLoader of(Session session) {
        return no -> new StreamFollower(session.decodeOptions()).follow(session, no);
    }

    /** The session in {@code directory}, opened for the request and closed after it. */
    static FollowStreamLoader ofDirectory(Path directory) {
        return no -> {
            try (Session s = Session.open(directory)) {
                return of(s).follow(no);
            }
        };
    }
}
