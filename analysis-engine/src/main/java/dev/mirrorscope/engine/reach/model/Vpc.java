package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** A VPC with every associated IPv4 and IPv6 CIDR block. */
public record Vpc(String id, String ownerId, String state, List<Cidr> cidrs, List<Cidr> ipv6Cidrs, boolean isDefault,
        Map<String, String> tags) implements Resource {

    public boolean contains(Ip ip) {
        for (Cidr c : ip.isV6() ? ipv6Cidrs : cidrs) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> allCidrs() {
        return ipv6Cidrs.isEmpty() ? cidrs : java.util.stream.Stream.concat(cidrs.stream(), ipv6Cidrs.stream()).toList();
    }
}
