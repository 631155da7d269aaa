package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** A security group with its inbound and outbound rules, each permission flattened into one rule per peer. */
public record SecurityGroup(String id, String groupName, String vpcId, String ownerId, List<SgRule> ingress,
        List<SgRule> egress, Map<String, String> tags) implements Resource {
}
