package dev.mirrorscope.engine.reach.model;

/**
 * One peer of one security group permission, flattened: a permission with two CIDRs and a group becomes three
 * rules. {@code protocol} is an IANA number or -1 for all; ports are -1 when the permission has none. For ICMP
 * {@code fromPort} is the type and {@code toPort} the code, -1 meaning any. Exactly one of {@code cidr},
 * {@code prefixListId} and {@code groupId} is set.
 */
public record SgRule(String securityGroupId, boolean egress, int permissionIndex, int protocol, int fromPort,
        int toPort, Cidr cidr, String prefixListId, String groupId, String peeringConnectionId, String description) {

    /** The peer as written in the rule. */
    public String peerText() {
        if (cidr != null) {
            return cidr.toString();
        }
        return prefixListId != null ? prefixListId : groupId;
    }
}
