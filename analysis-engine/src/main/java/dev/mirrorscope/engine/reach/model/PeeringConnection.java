package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** A VPC peering connection; {@code status} is its Status.Code ({@code active} when usable). */
public record PeeringConnection(String id, String status, Side requester, Side accepter, Map<String, String> tags)
        implements Resource {

    public record Side(String vpcId, String ownerId, String region, List<Cidr> cidrs, List<Cidr> ipv6Cidrs) {
        public boolean contains(Ip ip) {
            for (Cidr c : ip.isV6() ? ipv6Cidrs : cidrs) {
                if (c.contains(ip)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The side that is not {@code vpcId}, or null when the connection does not involve it. */
    public Side otherSide(String vpcId) {
        if (requester.vpcId().equals(vpcId)) {
            return accepter;
        }
        return accepter.vpcId().equals(vpcId) ? requester : null;
    }

    public Side side(String vpcId) {
        if (requester.vpcId().equals(vpcId)) {
            return requester;
        }
        return accepter.vpcId().equals(vpcId) ? accepter : null;
    }

    public boolean isActive() {
        return "active".equals(status);
    }

    public boolean isInterRegion() {
        return requester.region() != null && accepter.region() != null && !requester.region().equals(accepter.region());
    }
}
