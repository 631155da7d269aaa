package dev.mirrorscope.engine.reach.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link AnalysisResult} in the form the `reach` contract fixes:
 * {@code {"reachable", "forward": [HOP], "return": [HOP], "explanations": [EXPL]}}, HOP being
 * {@code {"type", "id", "detail"}} and EXPL {@code {"code", "component", "direction", "detail"}}.
 */
public final class AnalysisJson {
    private AnalysisJson() {
    }

    public static void write(JsonGenerator g, AnalysisResult r) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("reachable", r.reachable());
        g.writeArrayFieldStart("forward");
        for (Hop h : r.forward()) {
            hop(g, h);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("return");
        for (Hop h : r.returnPath()) {
            hop(g, h);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("explanations");
        for (Explanation e : r.explanations()) {
            explanation(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void hop(JsonGenerator g, Hop h) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", h.type().name());
        g.writeStringField("id", h.id());
        g.writeFieldName("detail");
        g.writeStartObject();
        for (Map.Entry<String, Object> e : h.detail().entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        if (h.blocked()) {
            g.writeBooleanField("blocked", true);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** One explanation; on the return path the detail says so, since the contract has no leg field. */
    public static void explanation(JsonGenerator g, Explanation e) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", e.code());
        g.writeStringField("component", e.component());
        if (e.direction() == null) {
            g.writeNullField("direction");
        } else {
            g.writeStringField("direction", e.direction());
        }
        g.writeStringField("detail", (e.leg() == Explanation.Leg.RETURN ? "return path: " : "") + e.detail());
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                g.writeFieldName(e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
