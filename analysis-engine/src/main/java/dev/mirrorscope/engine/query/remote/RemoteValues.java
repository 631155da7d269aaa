package dev.mirrorscope.engine.query.remote;

import dev.mirrorscope.engine.query.FieldType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Remote engines answer in text; this reads each value as the type the query gives its column. */
final class RemoteValues {
    private static final DateTimeFormatter CLOUDWATCH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private RemoteValues() {
    }

    static Object read(String text, FieldType type) {
        if (text == null) {
            return null;
        }
        try {
            switch (type) {
                case INTEGER:
                    if (text.matches("-?\\d{1,18}")) {
                        return Long.parseLong(text);
                    }
                    return Double.parseDouble(text);
                case DOUBLE:
                    return Double.parseDouble(text);
                case BOOLEAN:
                    return text.equals("true") || text.equals("1") ? Boolean.TRUE
                            : text.equals("false") || text.equals("0") ? Boolean.FALSE : text;
                case TIMESTAMP:
                    if (text.matches("-?\\d+")) {
                        return Instant.ofEpochMilli(Long.parseLong(text));
                    }
                    return LocalDateTime.parse(text, CLOUDWATCH_TIME).toInstant(ZoneOffset.UTC);
                default:
                    return text;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return text;
        }
    }
}
