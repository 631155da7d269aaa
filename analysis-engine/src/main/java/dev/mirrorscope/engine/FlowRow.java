package dev.mirrorscope.engine;

/**
 * One bidirectional conversation as the {@code flows} contract defines it. Endpoint a sent the first
 * packet seen. {@code firstNo} is the session packet number of that first packet.
 */
public record FlowRow(long firstNo, int proto, Integer vni, String a, Integer aPort, String b, Integer bPort,
                      long packetsAb, long bytesAb, long packetsBa, long bytesBa, long firstTsNs, long lastTsNs,
                      String tcpState, Long rttUs, long retransmits) {
}
