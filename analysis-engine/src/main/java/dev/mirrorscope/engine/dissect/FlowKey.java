package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Addresses;
import dev.mirrorscope.engine.decode.DecodedPacket;

/**
 * A conversation as the flow table keys it: IP version, protocol, VNI of the outermost tunnel (-1 for
 * none) and the two endpoints; a is the endpoint that sent the packet the key was taken from. The VNI is
 * part of the key because a mirror session copies the same conversation once per mirrored ENI.
 */
public record FlowKey(int ipVersion, int proto, int vni, long aHi, long aLo, int aPort, long bHi, long bLo,
                      int bPort) {
    /** Direction of a packet from a to b. */
    public static final int A_TO_B = 0;
    /** Direction of a packet from b to a. */
    public static final int B_TO_A = 1;

    /** The key of a decoded packet with a transport port pair, or null (no IP, no ports, a later fragment). */
    public static FlowKey of(DecodedPacket d) {
        if (d.ipVersion == 0 || d.sport < 0 || d.dport < 0 || d.nonFirstFragment) {
            return null;
        }
        return new FlowKey(d.ipVersion, d.proto, d.vni, d.srcHi, d.srcLo, d.sport, d.dstHi, d.dstLo, d.dport);
    }

    /** A_TO_B or B_TO_A when the decoded packet belongs to this conversation, else -1. */
    public int direction(DecodedPacket d) {
        if (d.ipVersion != ipVersion || d.proto != proto || d.vni != vni || d.nonFirstFragment) {
            return -1;
        }
        if (d.srcLo == aLo && d.srcHi == aHi && d.sport == aPort && d.dstLo == bLo && d.dstHi == bHi
                && d.dport == bPort) {
            return A_TO_B;
        }
        if (d.srcLo == bLo && d.srcHi == bHi && d.sport == bPort && d.dstLo == aLo && d.dstHi == aHi
                && d.dport == aPort) {
            return B_TO_A;
        }
        return -1;
    }

    /** "10.0.1.10:443" or "[2001:db8::1]:443". */
    public String a() {
        return endpoint(aHi, aLo, aPort);
    }

    public String b() {
        return endpoint(bHi, bLo, bPort);
    }

    private String endpoint(long hi, long lo, int port) {
        String address = Addresses.format(ipVersion, hi, lo);
        return (ipVersion == 6 ? "[" + address + "]" : address) + ":" + port;
    }

    public String protocolName() {
        return proto == 6 ? "TCP" : proto == 17 ? "UDP" : proto == 132 ? "SCTP" : "IP protocol " + proto;
    }

    @Override
    public String toString() {
        return protocolName() + " " + a() + " ⇄ " + b() + (vni >= 0 ? " (VNI " + vni + ")" : "");
    }
}
