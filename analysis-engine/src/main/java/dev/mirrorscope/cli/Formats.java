package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Output helpers shared by the commands: JSON through Jackson's streaming generator, times for people. */
final class Formats {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static JsonGenerator json(Writer out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.setRootValueSeparator(null);
        return g;
    }

    static void field(JsonGenerator g, String name, Integer v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    static void field(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** UTC time with nanoseconds, so a column of them lines up. */
    static String time(long tsNs) {
        long sec = Math.floorDiv(tsNs, 1_000_000_000L);
        long ns = Math.floorMod(tsNs, 1_000_000_000L);
        String frac = String.format("%09d", ns);
        return TIME.format(Instant.ofEpochSecond(sec)) + "." + frac;
    }

    static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }
}
