package dev.mirrorscope.engine;

/**
 * One packet as the session stores it, read again from its capture: session number, time (ns since the
 * epoch), length on the wire, LINKTYPE_*, the session number of the first packet of its flow (-1 when it
 * belongs to none) and a copy of its captured bytes.
 */
public record StoredPacket(long no, long tsNs, int origLen, int linkType, long flowNo, byte[] bytes) {
    public int capLen() {
        return bytes.length;
    }
}
