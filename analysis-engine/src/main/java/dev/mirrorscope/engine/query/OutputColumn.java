package dev.mirrorscope.engine.query;

/** A result column: the name the query gives it and the type of its values. */
public record OutputColumn(String name, FieldType type) {
}
