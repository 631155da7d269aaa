package dev.mirrorscope.engine.reach.model;

import java.util.Map;

/** A transit gateway with the options that decide association and propagation when routes are not known. */
public record TransitGateway(String id, String state, String ownerId, boolean defaultRouteTableAssociation,
        boolean defaultRouteTablePropagation, String associationDefaultRouteTableId,
        String propagationDefaultRouteTableId, boolean securityGroupReferencing, Map<String, String> tags)
        implements Resource {
}
