package dev.mirrorscope.engine.reach.model;

import java.util.List;

/**
 * One transit gateway route ({@code type} static or propagated, {@code state} active or blackhole) and the
 * attachments it sends to. {@code derived} marks a route inferred from default propagation, not read.
 */
public record TgwRoute(Cidr destination, String prefixListId, String type, String state, List<String> attachmentIds,
        boolean derived) {

    public boolean isBlackhole() {
        return "blackhole".equalsIgnoreCase(state);
    }
}
