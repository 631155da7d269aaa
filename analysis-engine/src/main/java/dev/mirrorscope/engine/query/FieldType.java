package dev.mirrorscope.engine.query;

/**
 * The types the language distinguishes. Timestamps travel through SQL as epoch milliseconds and
 * reach callers as {@link java.time.Instant}.
 */
public enum FieldType {
    INTEGER, DOUBLE, STRING, BOOLEAN, TIMESTAMP;

    boolean numeric() {
        return this == INTEGER || this == DOUBLE;
    }
}
