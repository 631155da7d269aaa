package dev.mirrorscope.engine.reach.analysis;

import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.NetworkInterface;
import dev.mirrorscope.engine.reach.model.PortSet;

/**
 * The packet header as it travels: addresses change at NAT and internet gateways, and the destination ports
 * are a set because on the return path they are the client's source port, which only a range describes.
 * {@code sender} is the interface whose security groups count for group-reference rules; null once a hop
 * (NAT, an internet gateway, an appliance, a transit gateway without referencing support) discards them.
 */
final class Packet {
    Ip src;
    Ip dst;
    int proto;
    PortSet dports;
    PortSet sports;
    int icmpType;
    int icmpCode;
    NetworkInterface sender;
    /** The sender before a hop dropped its group membership, and that hop's explanation code and ID. */
    NetworkInterface droppedSender;
    String droppedCode;
    String droppedAt;
    /** How the packet entered the VPC it is in: null from inside, else "peering", "tgw", "internet", ... */
    String arrivedVia;

    Packet copy() {
        Packet p = new Packet();
        p.src = src;
        p.dst = dst;
        p.proto = proto;
        p.dports = dports;
        p.sports = sports;
        p.icmpType = icmpType;
        p.icmpCode = icmpCode;
        p.sender = sender;
        p.droppedSender = droppedSender;
        p.droppedCode = droppedCode;
        p.droppedAt = droppedAt;
        p.arrivedVia = arrivedVia;
        return p;
    }

    /** A hop (same source address) that does not carry security group membership on. */
    void dropMembership(String code, String at) {
        if (sender != null) {
            droppedSender = sender;
            droppedCode = code;
            droppedAt = at;
        }
        sender = null;
    }

    /** The source address changes (NAT, internet gateway): membership is gone for good. */
    void forgetSender() {
        sender = null;
        droppedSender = null;
    }

    boolean hasPorts() {
        return proto == 6 || proto == 17;
    }

    boolean isIcmp() {
        return proto == 1 || proto == 58;
    }

    /** The reply: addresses and ports swapped, an echo request answered by an echo reply. */
    Packet reply() {
        Packet p = new Packet();
        p.src = dst;
        p.dst = src;
        p.proto = proto;
        p.dports = sports;
        p.sports = dports;
        p.icmpType = isIcmp() ? (proto == 1 ? (icmpType == 8 ? 0 : icmpType) : (icmpType == 128 ? 129 : icmpType)) : 0;
        p.icmpCode = icmpCode;
        return p;
    }

    /** Like {@code tcp 10.0.1.5 -> 10.0.2.9:443}. */
    String describe() {
        String proto = switch (this.proto) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> "protocol " + this.proto;
        };
        if (hasPorts()) {
            return proto + " " + src + " -> " + dst + " port " + dports;
        }
        return proto + " type " + icmpType + " " + src + " -> " + dst;
    }
}
