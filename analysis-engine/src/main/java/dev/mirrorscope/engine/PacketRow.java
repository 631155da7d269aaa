package dev.mirrorscope.engine;

/**
 * One packet as the command line's {@code packets} contract and the packet table show it. Nullable
 * fields are null where the contract says null. {@code anomaly} is the first malformation's name or
 * null; {@code notice} names what happened to a packet that is not malformed (mirror_truncated) or is null.
 */
public record PacketRow(long no, long tsNs, int frameLen, int capLen, String tunnel, Integer vni,
                        Integer innerLen, String src, String dst, Integer proto, Integer sport,
                        Integer dport, Integer tcpFlags, String info, String anomaly, String notice) {

    public PacketRow(long no, long tsNs, int frameLen, int capLen, String tunnel, Integer vni, Integer innerLen,
                     String src, String dst, Integer proto, Integer sport, Integer dport, Integer tcpFlags,
                     String info, String anomaly) {
        this(no, tsNs, frameLen, capLen, tunnel, vni, innerLen, src, dst, proto, sport, dport, tcpFlags, info,
                anomaly, null);
    }
}
