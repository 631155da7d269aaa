package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/**
 * A VPC route table with its associations: the main flag, explicit subnet associations and edge
 * associations with internet or virtual private gateways (ingress routing).
 */
public record RouteTable(String id, String vpcId, boolean main, List<String> subnetIds, List<String> gatewayIds,
        List<Route> routes, Map<String, String> tags) implements Resource {
}
