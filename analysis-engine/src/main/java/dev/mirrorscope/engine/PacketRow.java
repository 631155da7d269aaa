package dev.mirrorscope.engine;

/**
 * One packet as the command line's {@code packets} contract and the packet table show it. Nullable
 * fields are null where the contract says null. {@code anomaly} is the first anomaly's name or null.
 */
public record PacketRow(long no, long tsNs, int frameLen, int capLen, String tunnel, Integer vni,
                        Integer innerLen, String src, String dst, Integer proto, Integer sport,
                        Integer dport, Integer tcpFlags, String info, String anomaly) {
}
