package dev.mirrorscope.engine.reach.model;

import java.util.Map;

/** Something in a snapshot with an ID and tags; {@link #name()} is its Name tag, as the console shows it. */
public interface Resource {
    String id();

    Map<String, String> tags();

    default String name() {
        return tags().get("Name");
    }
}
