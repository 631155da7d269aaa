package dev.mirrorscope.engine.reach.access;

import java.util.List;

/** An interface the internet can reach (both ways, every hop checked), and on what. */
public record InternetExposure(String interfaceId, String name, String instanceId, String vpcId, String subnetId,
        List<String> publicAddresses, String internetGatewayId, List<String> securityGroups,
        List<Exposure> exposures) {
}
