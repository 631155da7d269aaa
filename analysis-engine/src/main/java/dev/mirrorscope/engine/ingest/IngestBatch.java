package dev.mirrorscope.engine.ingest;

import dev.mirrorscope.engine.capture.CaptureLimits;
import dev.mirrorscope.engine.capture.PacketBatch;
import dev.mirrorscope.engine.decode.DecodedPacket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PacketBatch travelling through the pipeline with the columns each stage adds: the decode worker
 * fills the flow-key and TCP columns, the flow partitions the flow columns, the writer reads them all.
 */
final class IngestBatch {
    final PacketBatch packets;

    final boolean[] noTimestamp;

    final int[] ipVersion;
    final int[] proto;
    final int[] sport;
    final int[] dport;
    final int[] vni;
    final int[] tunnel;
    final int[] tcpFlags;
    final int[] tcpPayloadLen;
    final int[] hash;
    final int[] anomaly;
    final int[] notice;
    final boolean[] nonFirstFragment;
    final long[] srcHi;
    final long[] srcLo;
    final long[] dstHi;
    final long[] dstLo;
    final long[] tcpSeq;

    final long[] flowIndex;
    final boolean[] dirBa;
    final int[] servicePort;

    long sequence;
    /** The marker that follows the last batch of a capture through every stage. */
    boolean end;
    final AtomicInteger pendingPartitions = new AtomicInteger();

    IngestBatch() {
        this(new PacketBatch());
    }

    private IngestBatch(PacketBatch packets) {
        this.packets = packets;
        int n = packets.capacity;
        noTimestamp = new boolean[n];
        ipVersion = new int[n];
        proto = new int[n];
        sport = new int[n];
        dport = new int[n];
        vni = new int[n];
        tunnel = new int[n];
        tcpFlags = new int[n];
        tcpPayloadLen = new int[n];
        hash = new int[n];
        anomaly = new int[n];
        notice = new int[n];
        nonFirstFragment = new boolean[n];
        srcHi = new long[n];
        srcLo = new long[n];
        dstHi = new long[n];
        dstLo = new long[n];
        tcpSeq = new long[n];
        flowIndex = new long[n];
        dirBa = new boolean[n];
        servicePort = new int[n];
    }

    /** The end marker: carries no packets. */
    static IngestBatch endMarker(long sequence) {
        IngestBatch b = new IngestBatch(new PacketBatch(1, CaptureLimits.MAX_CAPTURED_LENGTH));
        b.sequence = sequence;
        b.end = true;
        return b;
    }

    void clear() {
        packets.clear();
        sequence = 0;
    }

    /** Copies what the later stages need out of the worker's reusable DecodedPacket. */
    void take(int i, DecodedPacket d) {
        ipVersion[i] = d.ipVersion;
        proto[i] = d.proto;
        sport[i] = d.sport;
        dport[i] = d.dport;
        vni[i] = d.vni;
        tunnel[i] = d.tunnel;
        tcpFlags[i] = d.tcpFlags;
        tcpPayloadLen[i] = d.tcpPayloadLen;
        anomaly[i] = d.anomalyCount > 0 ? d.anomaly : -1;
        notice[i] = d.notice;
        nonFirstFragment[i] = d.nonFirstFragment;
        srcHi[i] = d.srcHi;
        srcLo[i] = d.srcLo;
        dstHi[i] = d.dstHi;
        dstLo[i] = d.dstLo;
        tcpSeq[i] = d.tcpSeq;
        flowIndex[i] = -1;
        dirBa[i] = false;
        servicePort[i] = -1;
    }
}
