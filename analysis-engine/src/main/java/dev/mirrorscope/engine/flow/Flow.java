package dev.mirrorscope.engine.flow;

/**
 * State of one bidirectional conversation while it is in memory. Endpoint a sent the first packet.
 * Fields are primitive and public to the flow package: a FlowTable is owned by one thread.
 */
public final class Flow {
    /** Capture-relative index of the first packet: the flow's identity, the same whatever the thread count. */
    public long firstIndex;
    public int ipVersion;
    public int proto;
    /** -1 when the packet came through no tunnel with a VNI. */
    public int vni;
    public long aHi, aLo, bHi, bLo;
    /** -1 for port-less protocols. */
    public int aPort, bPort;
    public int hash;

    public long packetsAb, bytesAb, packetsBa, bytesBa;
    public long firstTs, lastTs;

    /** TcpEvents bits seen so far. */
    public int tcpEvents;
    /** Time of the initiator's first SYN, -1 when none. */
    public long synTs = -1;
    public long rttUs = -1;
    public long retransmits;
    /** Highest sequence number + length seen per direction (32-bit serial), valid when the flag is set. */
    long seqEndAb, seqEndBa;
    boolean seqAbKnown, seqBaKnown;

    Flow nextInBucket;
    Flow olderInLru, newerInLru;

    public boolean matchesForward(int ver, int proto, int vni, long sHi, long sLo, int sp, long dHi, long dLo, int dp) {
        return this.proto == proto && this.vni == vni && this.ipVersion == ver
                && aLo == sLo && bLo == dLo && aPort == sp && bPort == dp && aHi == sHi && bHi == dHi;
    }

    public boolean matchesReverse(int ver, int proto, int vni, long sHi, long sLo, int sp, long dHi, long dLo, int dp) {
        return this.proto == proto && this.vni == vni && this.ipVersion == ver
                && bLo == sLo && aLo == dLo && bPort == sp && aPort == dp && bHi == sHi && aHi == dHi;
    }

    /** The port that names the service: b's port when b answered on a lower port, else the lower one. */
    public int servicePort() {
        if (aPort < 0 || bPort < 0) {
            return -1;
        }
        return Math.min(aPort, bPort);
    }
}
