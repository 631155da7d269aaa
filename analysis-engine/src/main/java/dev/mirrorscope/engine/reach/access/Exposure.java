package dev.mirrorscope.engine.reach.access;

import dev.mirrorscope.engine.reach.model.PortSet;
import java.util.List;

/**
 * One protocol on which the internet reaches an interface: the ports (null for ICMP, which means echo), the
 * security group peers (CIDRs, prefix lists) that admit it, and whether one of them is the whole internet.
 */
public record Exposure(String protocol, int ipVersion, PortSet ports, List<String> sources, boolean openToWorld) {
}
