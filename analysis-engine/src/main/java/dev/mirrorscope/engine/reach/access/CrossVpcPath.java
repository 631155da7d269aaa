package dev.mirrorscope.engine.reach.access;

import java.util.List;

/**
 * Routes that carry traffic from one VPC to another: {@code type} VPC_PEERING_CONNECTION or TRANSIT_GATEWAY,
 * {@code via} the components in order, the route tables and subnets that use it, its {@code status}
 * ("active" when usable), whether the far side routes replies back, and how many interfaces each side has.
 */
public record CrossVpcPath(String fromVpc, String toVpc, String type, List<String> via, String destination,
        List<String> routeTables, List<String> subnets, String status, boolean returnRoute, int fromInterfaces,
        int toInterfaces) {
}
