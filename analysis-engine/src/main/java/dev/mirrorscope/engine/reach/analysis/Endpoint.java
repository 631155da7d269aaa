package dev.mirrorscope.engine.reach.analysis;

import dev.mirrorscope.engine.reach.model.Instance;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.Subnet;

/** Where a path starts or ends, resolved from an ID or an address. */
sealed interface Endpoint {

    /**
     * A network interface and the address used on it; {@code instance} is set when the question named the
     * instance; {@code viaPublicIp} is set when the question named the interface's public IP, so the packet is
     * addressed to it and comes in through the internet gateway.
     */
    record Interface(NetworkInterface eni, Ip address, Instance instance, Ip viaPublicIp) implements Endpoint {
    }

    /** An address on the internet; null {@code address} means any (an internet gateway as the endpoint). */
    record Internet(Ip address, String igwId, boolean v6) implements Endpoint {
    }

    /** An address inside a subnet that no interface in the snapshot owns. */
    record SubnetAddress(Subnet subnet, Ip address) implements Endpoint {
    }

    /** A private address outside every VPC of the snapshot (on premises, behind a VPN or Direct Connect). */
    record External(Ip address) implements Endpoint {
    }

    /** Something the analyzer cannot use as an endpoint, with the explanation to give. */
    record Unresolved(String id, String code, String detail) implements Endpoint {
    }
}
