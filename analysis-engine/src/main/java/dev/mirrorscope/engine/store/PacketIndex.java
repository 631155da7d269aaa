package dev.mirrorscope.engine.store;

/**
 * Layout of one record of a packet index file: fixed-size, little-endian, one per packet in capture
 * order, so packet n of a capture is at byte n * RECORD_SIZE. Files are append-only and catalogued in
 * the H2 table packet_index; H2 holds one row per capture, not one per packet, because a row per
 * packet cannot keep up with ingest (about 220,000 inserts a second here against millions of packets).
 */
public final class PacketIndex {
    public static final int RECORD_SIZE = 40;

    public static final int OFF_FILE_OFFSET = 0;
    public static final int OFF_TS_NS = 8;
    public static final int OFF_ORIG_LEN = 16;
    public static final int OFF_CAP_LEN = 20;
    /** Capture-relative index of the first packet of the packet's flow, -1 when it belongs to none. */
    public static final int OFF_FLOW_INDEX = 24;
    public static final int OFF_LINK_TYPE = 32;
    public static final int OFF_IFACE = 34;
    public static final int OFF_FLAGS = 36;
    public static final int OFF_TUNNEL = 37;

    public static final int FLAG_MALFORMED = 1;
    /** Sent by the flow's endpoint b. */
    public static final int FLAG_DIR_BA = 2;
    public static final int FLAG_NON_FIRST_FRAGMENT = 4;
    public static final int FLAG_NO_TIMESTAMP = 8;

    private PacketIndex() {
    }
}
