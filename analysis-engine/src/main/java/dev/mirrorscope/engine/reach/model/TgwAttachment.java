package dev.mirrorscope.engine.reach.model;

import java.util.Map;

/**
 * A transit gateway attachment ({@code resourceType} vpc, vpn, direct-connect-gateway, peering, connect, ...)
 * and the route table it is associated with, null when the listing shows none.
 */
public record TgwAttachment(String id, String transitGatewayId, String resourceType, String resourceId, String state,
        String associatedRouteTableId, Map<String, String> tags) implements Resource {
}
