package dev.mirrorscope.engine.store;

import dev.mirrorscope.engine.flow.Flow;
import java.nio.ByteBuffer;

/**
 * Layout of one flow fragment in a capture's flow file (little-endian, 136 bytes): first packet index,
 * endpoint addresses as two longs each, counters, times, TCP facts, then the small fields.
 */
final class FlowFile {
    static final int RECORD_SIZE = 136;

    static final int FIRST_INDEX = 0;
    static final int A_HI = 8;
    static final int A_LO = 16;
    static final int B_HI = 24;
    static final int B_LO = 32;
    static final int PACKETS_AB = 40;
    static final int BYTES_AB = 48;
    static final int PACKETS_BA = 56;
    static final int BYTES_BA = 64;
    static final int FIRST_TS = 72;
    static final int LAST_TS = 80;
    static final int SYN_TS = 88;
    static final int RTT_US = 96;
    static final int RETRANSMITS = 104;
    static final int VNI = 112;
    static final int A_PORT = 116;
    static final int B_PORT = 120;
    static final int TCP_EVENTS = 124;
    static final int PROTO = 128;
    static final int IP_VERSION = 130;

    private FlowFile() {
    }

    static void write(ByteBuffer b, Flow f) {
        b.putLong(f.firstIndex).putLong(f.aHi).putLong(f.aLo).putLong(f.bHi).putLong(f.bLo)
                .putLong(f.packetsAb).putLong(f.bytesAb).putLong(f.packetsBa).putLong(f.bytesBa)
                .putLong(f.firstTs).putLong(f.lastTs).putLong(f.synTs).putLong(f.rttUs).putLong(f.retransmits)
                .putInt(f.vni).putInt(f.aPort).putInt(f.bPort).putInt(f.tcpEvents)
                .putShort((short) f.proto).put((byte) f.ipVersion).put((byte) 0).putInt(0);
    }

    /** The same hash for both orientations of a flow. */
    static long keyHash(int ver, int proto, int vni, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        long ea = mix(mix(aHi) ^ aLo) ^ aPort;
        long eb = mix(mix(bHi) ^ bLo) ^ bPort;
        long lo = Math.min(ea, eb);
        long hi = Math.max(ea, eb);
        return mix(mix(mix(lo) + hi) ^ ((long) ver << 40 | (long) proto << 32 | (vni & 0xFFFF_FFFFL)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
