package dev.mirrorscope.app.filterbar;

import dev.mirrorscope.engine.Session;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the filter bar needs from the display-filter language: checking an expression as it is typed,
 * the packets of a session that match, and field names to complete. The engine's filter implements it;
 * tests use a fake. {@link #validate} runs on the UI thread for every keystroke, so it must be quick and
 * must not read the session; {@link #matching} runs in the background.
 */
public interface PacketFilterService {

    /** The verdict on an expression: valid, or the error's 0-based character position and reason. */
    record Validation(boolean valid, int position, String message) {
        public static Validation ok() {
            return new Validation(true, -1, null);
        }

        public static Validation error(int position, String message) {
            return new Validation(false, position, message);
        }
    }

    Validation validate(String expression);

    /**
     * Numbers of the session's packets that match, ascending, over the packets readable now
     * ({@link Session#packetCount()}). Should return soon after {@code cancelled} turns true (its result is
     * then ignored). Throws for an expression {@link #validate} rejects.
     */
    long[] matching(Session session, String expression, BooleanSupplier cancelled) throws Exception;

    /** Field and protocol names for completion, such as {@code ip.src}, {@code tcp.flags.syn}, {@code dns}. */
    List<String> fieldNames();

    /** Until the engine's filter is wired in: every expression is refused with a reason. */
    PacketFilterService UNAVAILABLE = new PacketFilterService() {
        @Override
        public Validation validate(String expression) {
            return Validation.error(0, "display filters are not available in this build");
        }

        @Override
        public long[] matching(Session session, String expression, BooleanSupplier cancelled) {
            throw new IllegalStateException("display filters are not available in this build");
        }

        @Override
        public List<String> fieldNames() {
            return List.of();
        }
    };
}
