package dev.mirrorscope.engine.reach.analysis;

import java.util.List;

/**
 * Something a question can start or end at, as a picker shows it: its ID, kind, Name tag, addresses (private
 * first, then public), VPC and subnet. {@link #label()} is the line a person reads.
 */
public record EndpointChoice(String id, Kind kind, String name, List<String> addresses, String vpcId,
        String subnetId, String instanceId) {

    public enum Kind {
        INSTANCE, NETWORK_INTERFACE, INTERNET_GATEWAY
    }

    /** Like {@code web-1  i-0abc  10.0.1.10, 203.0.113.10  vpc-0a1}. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        if (name != null && !name.isEmpty()) {
            sb.append(name).append("  ");
        }
        sb.append(id);
        if (!addresses.isEmpty()) {
            sb.append("  ").append(String.join(", ", addresses));
        }
        if (vpcId != null) {
            sb.append("  ").append(vpcId);
        }
        return sb.toString();
    }
}
