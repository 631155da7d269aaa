package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** A subnet; {@code cidr} is null for an IPv6-only subnet. */
public record Subnet(String id, String vpcId, Cidr cidr, List<Cidr> ipv6Cidrs, String availabilityZone,
        boolean mapPublicIpOnLaunch, Map<String, String> tags) implements Resource {

    public boolean contains(Ip ip) {
        if (!ip.isV6()) {
            return cidr != null && cidr.contains(ip);
        }
        for (Cidr c : ipv6Cidrs) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
