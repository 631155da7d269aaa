package dev.mirrorscope.engine.flow;

import java.util.function.Consumer;

/**
 * The flows of one partition, keyed by innermost (proto, addresses, ports) and VNI, with TCP state,
 * handshake RTT and retransmission counting. Owned by one thread. Memory stays bounded: flows idle
 * for a while (in capture time) or beyond {@link #maxFlows} leave for the store through the eviction
 * sink; a flow seen again after eviction starts a new fragment that the store merges by key.
 */
public final class FlowTable {
    /** Capture-time idle after which a flow leaves memory. */
    public static final long IDLE_TIMEOUT_NS = 120_000_000_000L;
    /** Capture-time idle after which a closed or reset TCP flow leaves memory. */
    public static final long CLOSED_TIMEOUT_NS = 30_000_000_000L;
    /** How often (capture time) idle flows are looked for. */
    private static final long SWEEP_EVERY_NS = 10_000_000_000L;

    private final int maxFlows;
    private final Consumer<Flow> evicted;
    private Flow[] buckets = new Flow[1 << 12];
    private int size;
    private Flow oldest, newest;
    private long nextSweepTs = Long.MIN_VALUE;
    private long evictions;

    /** Set by {@link #update}: true when the packet was sent by endpoint b. */
    public boolean lastDirBa;

    public FlowTable(int maxFlows, Consumer<Flow> evicted) {
        this.maxFlows = maxFlows;
        this.evicted = evicted;
    }

    public int size() {
        return size;
    }

    public long evictions() {
        return evictions;
    }

    /** Accounts one packet; returns the first-packet index of its flow. */
    public long update(long index, long ts, int frameLen, int ver, int proto, int vni,
                       long sHi, long sLo, int sp, long dHi, long dLo, int dp, int hash,
                       int tcpFlags, long seq, int payloadLen) {
        int b = hash & (buckets.length - 1);
        Flow f = buckets[b];
        boolean ba = false;
        while (f != null) {
            if (f.hash == hash) {
                if (f.matchesForward(ver, proto, vni, sHi, sLo, sp, dHi, dLo, dp)) {
                    break;
                }
                if (f.matchesReverse(ver, proto, vni, sHi, sLo, sp, dHi, dLo, dp)) {
                    ba = true;
                    break;
                }
            }
            f = f.nextInBucket;
        }
        if (f == null) {
            f = new Flow();
            f.firstIndex = index;
            f.ipVersion = ver;
            f.proto = proto;
            f.vni = vni;
            f.aHi = sHi;
            f.aLo = sLo;
            f.aPort = sp;
            f.bHi = dHi;
            f.bLo = dLo;
            f.bPort = dp;
            f.hash = hash;
            f.firstTs = ts;
            f.lastTs = ts;
            f.nextInBucket = buckets[b];
            buckets[b] = f;
            size++;
            linkNewest(f);
            if (size > buckets.length * 3 / 4) {
                grow();
            }
        } else if (f != newest) {
            unlink(f);
            linkNewest(f);
        }
        if (ba) {
            f.packetsBa++;
            f.bytesBa += frameLen;
        } else {
            f.packetsAb++;
            f.bytesAb += frameLen;
        }
        if (ts < f.firstTs) {
            f.firstTs = ts;
        }
        if (ts > f.lastTs) {
            f.lastTs = ts;
        }
        if (proto == 6 && tcpFlags >= 0) {
            tcp(f, ba, ts, tcpFlags, seq, payloadLen);
        }
        lastDirBa = ba;
        long id = f.firstIndex;
        if (ts >= nextSweepTs || size > maxFlows) {
            sweep(ts);
        }
        return id;
    }

    private static void tcp(Flow f, boolean ba, long ts, int flags, long seq, int payloadLen) {
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        boolean fin = (flags & 0x01) != 0;
        boolean rst = (flags & 0x04) != 0;
        int ev = f.tcpEvents;
        if (syn && !ack) {
            ev |= ba ? TcpEvents.SYN_B : TcpEvents.SYN_A;
            if (f.synTs < 0) {
                f.synTs = ts;
            }
        } else if (syn) {
            ev |= ba ? TcpEvents.SYNACK_B : TcpEvents.SYNACK_A;
        } else if (ack && !rst && (ev & TcpEvents.HANDSHAKE_DONE) == 0) {
            boolean initiatorA = (ev & TcpEvents.SYN_A) != 0 && (ev & TcpEvents.SYNACK_B) != 0;
            boolean initiatorB = (ev & TcpEvents.SYN_B) != 0 && (ev & TcpEvents.SYNACK_A) != 0;
            if ((initiatorA && !ba) || (initiatorB && ba)) {
                ev |= TcpEvents.HANDSHAKE_DONE;
                if (f.synTs >= 0 && f.rttUs < 0) {
                    f.rttUs = (ts - f.synTs) / 1000;
                }
            }
        }
        if (fin) {
            ev |= ba ? TcpEvents.FIN_B : TcpEvents.FIN_A;
        }
        if (rst) {
            ev |= ba ? TcpEvents.RST_B : TcpEvents.RST_A;
        }
        f.tcpEvents = ev;

        int segLen = payloadLen + (syn ? 1 : 0) + (fin ? 1 : 0);
        if (segLen <= 0 || rst) {
            return;
        }
        seq &= 0xFFFF_FFFFL;
        long end = (seq + segLen) & 0xFFFF_FFFFL;
        boolean known = ba ? f.seqBaKnown : f.seqAbKnown;
        long highest = ba ? f.seqEndBa : f.seqEndAb;
        if (known) {
            boolean keepAlive = payloadLen <= 1 && !syn && !fin && seq == ((highest - 1) & 0xFFFF_FFFFL);
            if (!keepAlive && serialBefore(seq, highest)) {
                f.retransmits++;
            }
            if (serialBefore(highest, end)) {
                highest = end;
            }
        } else {
            highest = end;
        }
        if (ba) {
            f.seqEndBa = highest;
            f.seqBaKnown = true;
        } else {
            f.seqEndAb = highest;
            f.seqAbKnown = true;
        }
    }

    /** RFC 1982 serial-number comparison on 32 bits: a comes before b. */
    static boolean serialBefore(long a, long b) {
        int d = (int) (b - a);
        return d > 0;
    }

    private void sweep(long now) {
        nextSweepTs = now + SWEEP_EVERY_NS;
        Flow f = oldest;
        while (f != null) {
            Flow next = f.newerInLru;
            boolean over = size > maxFlows;
            long idle = now - f.lastTs;
            boolean finished = (f.tcpEvents & (TcpEvents.RST_A | TcpEvents.RST_B)) != 0
                    || (f.tcpEvents & (TcpEvents.FIN_A | TcpEvents.FIN_B)) == (TcpEvents.FIN_A | TcpEvents.FIN_B);
            if (over || idle > IDLE_TIMEOUT_NS || (finished && idle > CLOSED_TIMEOUT_NS)) {
                remove(f);
                evictions++;
                evicted.accept(f);
            } else if (idle <= CLOSED_TIMEOUT_NS) {
                break;
            }
            f = next;
        }
    }

    /** Hands every remaining flow to the sink, oldest first, and empties the table. */
    public void drain(Consumer<Flow> sink) {
        Flow f = oldest;
        while (f != null) {
            Flow next = f.newerInLru;
            sink.accept(f);
            f = next;
        }
        buckets = new Flow[1 << 12];
        size = 0;
        oldest = newest = null;
    }

    private void remove(Flow f) {
        int b = f.hash & (buckets.length - 1);
        Flow p = null;
        Flow c = buckets[b];
        while (c != null && c != f) {
            p = c;
            c = c.nextInBucket;
        }
        if (c == null) {
            return;
        }
        if (p == null) {
            buckets[b] = f.nextInBucket;
        } else {
            p.nextInBucket = f.nextInBucket;
        }
        f.nextInBucket = null;
        unlink(f);
        size--;
    }

    private void linkNewest(Flow f) {
        f.olderInLru = newest;
        f.newerInLru = null;
        if (newest != null) {
            newest.newerInLru = f;
        } else {
            oldest = f;
        }
        newest = f;
    }

    private void unlink(Flow f) {
        if (f.olderInLru != null) {
            f.olderInLru.newerInLru = f.newerInLru;
        } else {
            oldest = f.newerInLru;
        }
        if (f.newerInLru != null) {
            f.newerInLru.olderInLru = f.olderInLru;
        } else {
            newest = f.olderInLru;
        }
        f.olderInLru = f.newerInLru = null;
    }

    private void grow() {
        Flow[] old = buckets;
        Flow[] nb = new Flow[old.length * 2];
        for (Flow head : old) {
            Flow f = head;
            while (f != null) {
                Flow next = f.nextInBucket;
                int b = f.hash & (nb.length - 1);
                f.nextInBucket = nb[b];
                nb[b] = f;
                f = next;
            }
        }
        buckets = nb;
    }

    /** Symmetric hash of a flow key: the same for both directions. */
    public static int hash(int ver, int proto, int vni, long sHi, long sLo, int sp, long dHi, long dLo, int dp) {
        long e1 = mix(sHi * 31 + sLo) + sp * 0x9E3779B97F4A7C15L;
        long e2 = mix(dHi * 31 + dLo) + dp * 0x9E3779B97F4A7C15L;
        long h = mix(e1 ^ e2) + mix(e1 + e2) + proto * 0x100000001B3L + vni * 0xC2B2AE3D27D4EB4FL + ver;
        h = mix(h);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
