package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** A VPC endpoint: {@code type} Gateway, Interface or GatewayLoadBalancer. */
public record VpcEndpoint(String id, String type, String vpcId, String serviceName, String state,
        List<String> routeTableIds, List<String> subnetIds, List<String> networkInterfaceIds, List<String> groupIds,
        Map<String, String> tags) implements Resource {
}
