package dev.mirrorscope.engine.reach.access;

import java.util.List;

/**
 * An administrative or database port of an interface that the internet reaches ({@code reachableFromInternet}),
 * or that a security group opens to 0.0.0.0/0 or ::/0 though nothing routes the internet to it today.
 */
public record AdminExposure(String interfaceId, String name, String instanceId, String vpcId, int port,
        String service, boolean reachableFromInternet, List<String> sources, List<String> worldOpenGroups) {
}
