package dev.mirrorscope.engine.reach.model;

/**
 * One route of a VPC route table: a destination (CIDR or prefix list) and a target, as
 * {@code DescribeRouteTables} reports it. {@code state} is {@code active} or {@code blackhole}.
 */
public record Route(Cidr destination, String prefixListId, Target target, String targetId, String state,
        String origin) {

    /** What a route sends traffic to, from the field of the route that names it. */
    public enum Target {
        LOCAL, INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY, NAT_GATEWAY, VPC_PEERING_CONNECTION, TRANSIT_GATEWAY,
        VIRTUAL_PRIVATE_GATEWAY, NETWORK_INTERFACE, INSTANCE, VPC_ENDPOINT, LOCAL_GATEWAY, CARRIER_GATEWAY,
        CORE_NETWORK, UNKNOWN
    }

    public boolean isBlackhole() {
        return "blackhole".equalsIgnoreCase(state);
    }

    public boolean isPropagated() {
        return "EnableVgwRoutePropagation".equals(origin);
    }

    /** The destination as written: a CIDR or a prefix-list ID. */
    public String destinationText() {
        return destination != null ? destination.toString() : prefixListId;
    }
}
