package dev.mirrorscope.engine.reach.model;

import java.util.Map;

/** A transit gateway route table. */
public record TgwRouteTable(String id, String transitGatewayId, String state, boolean defaultAssociationRouteTable,
        boolean defaultPropagationRouteTable, Map<String, String> tags) implements Resource {
}
