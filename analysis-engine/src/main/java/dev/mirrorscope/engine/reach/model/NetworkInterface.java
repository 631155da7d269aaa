package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/**
 * A network interface. {@code interfaceType} tells what owns it ({@code interface}, {@code nat_gateway},
 * {@code transit_gateway}, {@code vpc_endpoint}, ...); {@code attachmentStatus} is null when detached.
 */
public record NetworkInterface(String id, String interfaceType, String status, String vpcId, String subnetId,
        String availabilityZone, String description, boolean sourceDestCheck, boolean requesterManaged,
        List<PrivateAddress> privateAddresses, List<Ip> ipv6Addresses, List<String> groupIds, String instanceId,
        Integer deviceIndex, String attachmentStatus, Map<String, String> tags) implements Resource {

    public Ip primaryIp() {
        for (PrivateAddress a : privateAddresses) {
            if (a.primary()) {
                return a.ip();
            }
        }
        return privateAddresses.isEmpty() ? null : privateAddresses.get(0).ip();
    }

    public PrivateAddress privateAddress(Ip ip) {
        for (PrivateAddress a : privateAddresses) {
            if (a.ip().equals(ip)) {
                return a;
            }
        }
        return null;
    }

    public boolean owns(Ip ip) {
        return ip.isV6() ? ipv6Addresses.contains(ip) : privateAddress(ip) != null;
    }

    /** Any public IPv4 on the interface. */
    public boolean hasPublicIp() {
        return privateAddresses.stream().anyMatch(a -> a.publicIp() != null);
    }

    /** Attached to something that runs, or managed by an AWS service (which keeps its own interfaces working). */
    public boolean isInUse() {
        return requesterManaged || "attached".equals(attachmentStatus) || "in-use".equals(status)
                || !"interface".equals(interfaceType);
    }
}
