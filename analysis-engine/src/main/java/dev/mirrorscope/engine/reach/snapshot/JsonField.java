package dev.mirrorscope.engine.reach.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mirrorscope.engine.reach.model.Cidr;
import dev.mirrorscope.engine.reach.model.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value with the file it came from and its path, so every type or format error names both. Absent
 * optional fields read as null or the given default; present fields of the wrong type are errors.
 */
final class JsonField {
    private final String file;
    private final String path;
    private final JsonNode node;

    JsonField(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    String file() {
        return file;
    }

    SnapshotFormatException error(String problem) {
        return new SnapshotFormatException(file, path, problem);
    }

    private JsonField child(String name) throws SnapshotFormatException {
        if (!node.isObject()) {
            throw error("expected an object, found " + describe(node));
        }
        JsonNode c = node.get(name);
        return c == null || c.isNull() ? null : new JsonField(file, path + "." + name, c);
    }

    boolean has(String name) throws SnapshotFormatException {
        return child(name) != null;
    }

    JsonField object(String name) throws SnapshotFormatException {
        JsonField c = child(name);
        if (c != null && !c.node.isObject()) {
            throw c.error("expected an object, found " + describe(c.node));
        }
        return c;
    }

    /** The elements of an array field; an absent field is an empty list. */
    List<JsonField> array(String name) throws SnapshotFormatException {
        JsonField c = child(name);
        if (c == null) {
            return List.of();
        }
        if (!c.node.isArray()) {
            throw c.error("expected an array, found " + describe(c.node));
        }
        List<JsonField> out = new ArrayList<>(c.node.size());
        for (int i = 0; i < c.node.size(); i++) {
            out.add(new JsonField(file, c.path + "[" + i + "]", c.node.get(i)));
        }
        return out;
    }

    /** The strings of an array of strings. */
    List<String> strings(String name) throws SnapshotFormatException {
        List<String> out = new ArrayList<>();
        for (JsonField f : array(name)) {
            if (!f.node.isTextual()) {
                throw f.error("expected a string, found " + describe(f.node));
            }
            out.add(f.node.textValue());
        }
        return out;
    }

    String string(String name) throws SnapshotFormatException {
        JsonField c = child(name);
        if (c == null) {
            return null;
        }
        if (!c.node.isTextual()) {
            throw c.error("expected a string, found " + describe(c.node));
        }
        return c.node.textValue();
    }

    String requiredString(String name) throws SnapshotFormatException {
        String s = string(name);
        if (s == null || s.isEmpty()) {
            throw new SnapshotFormatException(file, path + "." + name, "missing");
        }
        return s;
    }

    /** A string or a number, as text (NACL protocols are strings, some tools write numbers). */
    String text(String name) throws SnapshotFormatException {
        JsonField c = child(name);
        if (c == null) {
            return null;
        }
        if (c.node.isTextual()) {
            return c.node.textValue();
        }
        if (c.node.isIntegralNumber()) {
            return c.node.asText();
        }
        throw c.error("expected a string or a number, found " + describe(c.node));
    }

    Integer integer(String name) throws SnapshotFormatException {
        JsonField c = child(name);
        if (c == null) {
            return null;
        }
        if (!c.node.isIntegralNumber() || !c.node.canConvertToInt()) {
            throw c.error("expected an integer, found " + describe(c.node));
        }
        return c.node.intValue();
    }

    int integer(String name, int dflt) throws SnapshotFormatException {
        Integer v = integer(name);
        return v == null ? dflt : v;
    }

    boolean bool(String name, boolean dflt) throws SnapshotFormatException {
        JsonField c = child(name);
        if (c == null) {
            return dflt;
        }
        if (!c.node.isBoolean()) {
            throw c.error("expected true or false, found " + describe(c.node));
        }
        return c.node.booleanValue();
    }

    Cidr cidr(String name) throws SnapshotFormatException {
        String s = string(name);
        if (s == null) {
            return null;
        }
        return Cidr.tryParse(s).orElseThrow(() -> new SnapshotFormatException(file, path + "." + name,
                "'" + s + "' is not a CIDR block"));
    }

    Ip ip(String name) throws SnapshotFormatException {
        String s = string(name);
        if (s == null || s.isEmpty()) {
            return null;
        }
        return Ip.tryParse(s).orElseThrow(() -> new SnapshotFormatException(file, path + "." + name,
                "'" + s + "' is not an IP address"));
    }

    /** The {@code Tags} (or {@code TagSet}) list as a map. */
    Map<String, String> tags() throws SnapshotFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : new String[] {"Tags", "TagSet"}) {
            for (JsonField t : array(field)) {
                String k = t.string("Key");
                if (k != null) {
                    String v = t.string("Value");
                    out.put(k, v == null ? "" : v);
                }
            }
        }
        return out.isEmpty() ? Map.of() : out;
    }

    private static String describe(JsonNode n) {
        String s = n.isContainerNode() ? (n.isArray() ? "an array" : "an object") : n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
