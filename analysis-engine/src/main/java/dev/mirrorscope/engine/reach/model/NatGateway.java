package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** A NAT gateway ({@code connectivityType} public or private) and its addresses. */
public record NatGateway(String id, String vpcId, String subnetId, String state, String connectivityType,
        List<Address> addresses, Map<String, String> tags) implements Resource {

    public record Address(String networkInterfaceId, Ip privateIp, Ip publicIp, boolean primary) {
    }

    public Address primaryAddress() {
        for (Address a : addresses) {
            if (a.primary()) {
                return a;
            }
        }
        return addresses.isEmpty() ? null : addresses.get(0);
    }
}
