package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** A network ACL: its subnets and its inbound and outbound entries, each list sorted by rule number. */
public record NetworkAcl(String id, String vpcId, boolean isDefault, List<String> subnetIds, List<AclEntry> ingress,
        List<AclEntry> egress, Map<String, String> tags) implements Resource {
}
