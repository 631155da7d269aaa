package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** An EC2 instance and its network interfaces, the primary one (device index 0) first. */
public record Instance(String id, String state, String vpcId, String subnetId, List<String> networkInterfaceIds,
        Map<String, String> tags) implements Resource {
}
