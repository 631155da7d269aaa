package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.StoredPacket;
import dev.mirrorscope.engine.decode.DecodeOptions;
import dev.mirrorscope.engine.decode.DecodedPacket;
import dev.mirrorscope.engine.decode.PacketDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Follow Stream: the payload of one TCP or UDP conversation, in order. TCP is reassembled per direction
 * by sequence number: retransmitted and overlapping bytes are kept once, segments that arrive early wait
 * for the ones before them, and bytes that never arrive are marked as gaps once the other side has
 * acknowledged past them or the conversation ends. Works on any packet source through {@link Builder}
 * and on a session through {@link #follow(Session, long)}.
 */
public final class StreamFollower {
    /** Payload kept per conversation: a follow window shows text, and 64 MiB is far more than anyone reads. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** Early segments held per direction before the oldest is given up as following a gap. */
    static final int MAX_PENDING_SEGMENTS = 4096;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int ACK = 0x10;

    private final DecodeOptions options;
    private final long maxBytes;

    public StreamFollower(DecodeOptions options) {
        this(options, MAX_BYTES);
    }

    StreamFollower(DecodeOptions options, long maxBytes) {
        this.options = options != null ? options : DecodeOptions.defaults();
        this.maxBytes = maxBytes;
    }

    /**
     * The conversation of packet {@code packetNo} (all its fragments in the session: a flow that left
     * memory and came back, or spans several captures). Reads the session's packet index once and the
     * bytes of the flows' first packets and of the conversation's packets only. Throws
     * IllegalArgumentException with a message for people when the packet has no TCP or UDP conversation.
     */
    public Conversation follow(Session session, long packetNo) throws IOException {
        StoredPacket p = session.packet(packetNo).orElseThrow(
                () -> new IllegalArgumentException("packet " + packetNo + " is not in this session"));
        Builder builder = start(p.bytes(), 0, p.capLen(), p.origLen(), p.linkType());
        if (builder == null || p.flowNo() < 0) {
            throw new IllegalArgumentException("packet " + packetNo + " is not part of a TCP or UDP conversation;"
                    + " there is no stream to follow");
        }
        Set<Long> flows = new HashSet<>();
        PacketDecoder decoder = new PacketDecoder(options);
        DecodedPacket d = new DecodedPacket();
        session.visitPacketBytes(1, new Session.PacketBytesVisitor() {
            @Override
            public boolean wants(long no, long flowNo) {
                return flowNo >= 0 && (flowNo == no || flows.contains(flowNo));
            }

            @Override
            public boolean visit(long no, long tsNs, int origLen, int capLen, int linkType, long flowNo, byte[] b,
                                 int off) {
                if (flowNo == no) {
                    decoder.decode(b, off, capLen, origLen, linkType, d);
                    if (builder.key.direction(d) < 0) {
                        return true;
                    }
                    flows.add(flowNo);
                }
                builder.add(no, tsNs, b, off, capLen, origLen, linkType);
                return true;
            }
        });
        return builder.finish();
    }

    /**
     * A builder for the conversation of the given frame (which is not added: pass it to {@link Builder#add}
     * in its turn), or null when the frame has no TCP or UDP conversation.
     */
    public Builder start(byte[] b, int off, int capLen, int origLen, int linkType) {
        PacketDecoder decoder = new PacketDecoder(options);
        DecodedPacket d = new DecodedPacket();
        decoder.decode(b, off, capLen, origLen, linkType, d);
        FlowKey key = FlowKey.of(d);
        if (key == null || (key.proto() != TCP && key.proto() != UDP)) {
            return null;
        }
        return new Builder(key, decoder, maxBytes);
    }

    /** Collects one conversation's packets in capture order. Not thread-safe. */
    public static final class Builder {
        private final FlowKey key;
        private final PacketDecoder decoder;
        private final DecodedPacket d = new DecodedPacket();
        private final List<StreamChunk> chunks = new ArrayList<>();
        private final TcpDirection[] tcp = {new TcpDirection(), new TcpDirection()};
        /** Endpoint a of the result: the sender of the first packet added (the key's a until then). */
        private int firstDirection = -1;
        private long packets;
        private long kept;
        private boolean truncated;

        private final long maxBytes;

        private Builder(FlowKey key, PacketDecoder decoder, long maxBytes) {
            this.key = key;
            this.decoder = decoder;
            this.maxBytes = maxBytes;
        }

        public FlowKey key() {
            return key;
        }

        /** Adds a frame; returns false when it is not part of this conversation. */
        public boolean add(long no, long tsNs, byte[] b, int off, int capLen, int origLen, int linkType) {
            decoder.decode(b, off, capLen, origLen, linkType, d);
            int dir = key.direction(d);
            if (dir < 0) {
                return false;
            }
            packets++;
            if (firstDirection < 0) {
                firstDirection = dir;
            }
            int captured = Math.max(0, d.payloadLength);
            int at = off + Math.max(0, d.payloadOffset);
            if (key.proto() == UDP) {
                int declared = d.udpLength >= 8 ? d.udpLength - 8 : captured;
                int n = Math.min(captured, declared);
                byte[] payload = Arrays.copyOfRange(b, at, at + Math.max(0, n));
                if (n > 0) {
                    emit(dir, no, tsNs, payload, 0);
                }
                if (declared > n) {
                    emit(dir, no, tsNs, null, declared - n);
                }
            } else {
                tcpSegment(dir, no, tsNs, b, at, Math.min(captured, d.tcpPayloadLen));
            }
            return true;
        }

        private void tcpSegment(int dir, long no, long tsNs, byte[] b, int at, int captured) {
            TcpDirection t = tcp[dir];
            int flags = Math.max(0, d.tcpFlags);
            // What this packet acknowledges was there before it: a gap it reveals comes before its own data.
            TcpDirection other = tcp[1 - dir];
            if ((flags & ACK) != 0 && other.started) {
                long acked = other.unwrap(d.tcpAck);
                if (other.fin >= 0) {
                    acked = Math.min(acked, other.fin);
                }
                other.acknowledged(this, 1 - dir, acked, no, tsNs);
            }

            long seq = d.tcpSeq;
            if ((flags & SYN) != 0) {
                if (!t.started) {
                    t.start(seq + 1);
                }
                seq += 1;
            }
            int length = d.tcpPayloadLen;
            if (length > 0) {
                if (!t.started) {
                    t.start(seq);
                }
                long s = t.unwrap(seq);
                byte[] data = captured > 0 ? Arrays.copyOfRange(b, at, at + captured) : new byte[0];
                t.segment(this, dir, new Segment(s, s + length, data, no, tsNs));
            }
            if ((flags & FIN) != 0 && t.started) {
                t.fin = t.unwrap(seq + length);
            }
        }

        void emit(int dir, long no, long tsNs, byte[] data, long missing) {
            if (truncated) {
                return;
            }
            if (data != null) {
                if (kept + data.length > maxBytes) {
                    truncated = true;
                    return;
                }
                kept += data.length;
            }
            chunks.add(new StreamChunk(dir, no, tsNs, data != null ? data : new byte[0], missing));
        }

        /** The conversation so far, early segments that never got their predecessors placed after gaps. */
        public Conversation finish() {
            for (int dir = 0; dir < 2; dir++) {
                tcp[dir].drainAll(this, dir);
            }
            FlowKey k = key;
            List<StreamChunk> out = chunks;
            if (firstDirection == FlowKey.B_TO_A) {
                // a is whoever spoke first in what was added, as in the flow table and tshark's node 0.
                k = new FlowKey(key.ipVersion(), key.proto(), key.vni(), key.bHi(), key.bLo(), key.bPort(),
                        key.aHi(), key.aLo(), key.aPort());
                out = new ArrayList<>(chunks.size());
                for (StreamChunk c : chunks) {
                    out.add(new StreamChunk(1 - c.direction(), c.packetNo(), c.tsNs(), c.data(), c.missing()));
                }
            }
            return new Conversation(k, out, packets, truncated);
        }
    }

    /** One TCP segment's payload: [start, end) in unwrapped sequence space, with what was captured of it. */
    private record Segment(long start, long end, byte[] data, long packetNo, long tsNs) {
    }

    /** Reassembly state of one direction. Sequence numbers are unwrapped to 64 bits around {@code next}. */
    private static final class TcpDirection {
        boolean started;
        long next;
        long fin = -1;
        final TreeMap<Long, Segment> pending = new TreeMap<>();

        void start(long seq) {
            started = true;
            next = seq & 0xFFFF_FFFFL;
        }

        long unwrap(long seq32) {
            int delta = (int) ((seq32 & 0xFFFF_FFFFL) - (next & 0xFFFF_FFFFL));
            return next + delta;
        }

        void segment(Builder out, int dir, Segment s) {
            if (s.end() <= next) {
                return; // every byte was read before: a retransmission
            }
            if (s.start() > next) {
                Segment held = pending.get(s.start());
                if (held == null || held.end() < s.end() || held.data().length < s.data().length) {
                    pending.put(s.start(), s);
                }
                if (pending.size() > MAX_PENDING_SEGMENTS) {
                    Map.Entry<Long, Segment> oldest = pending.pollFirstEntry();
                    gapTo(out, dir, oldest.getKey(), oldest.getValue().packetNo(), oldest.getValue().tsNs());
                    take(out, dir, oldest.getValue());
                    drain(out, dir);
                }
                return;
            }
            take(out, dir, s);
            drain(out, dir);
        }

        /** Emits the part of a segment at or after {@code next}; its bytes past the capture are a gap. */
        private void take(Builder out, int dir, Segment s) {
            long from = next - s.start();
            long captured = s.data().length;
            if (from < captured) {
                out.emit(dir, s.packetNo(), s.tsNs(), Arrays.copyOfRange(s.data(), (int) from, (int) captured), 0);
            }
            long missingFrom = Math.max(next, s.start() + captured);
            if (s.end() > missingFrom) {
                out.emit(dir, s.packetNo(), s.tsNs(), null, s.end() - missingFrom);
            }
            next = Math.max(next, s.end());
        }

        private void drain(Builder out, int dir) {
            while (!pending.isEmpty() && pending.firstKey() <= next) {
                Segment s = pending.pollFirstEntry().getValue();
                if (s.end() > next) {
                    take(out, dir, s);
                }
            }
        }

        private void gapTo(Builder out, int dir, long to, long packetNo, long tsNs) {
            if (to > next) {
                out.emit(dir, packetNo, tsNs, null, to - next);
                next = to;
            }
        }

        /**
         * The other side acknowledged up to {@code acked}: bytes before it that were never seen will not
         * come (the receiver had them; the capture missed them), so they become a gap now.
         */
        void acknowledged(Builder out, int dir, long acked, long packetNo, long tsNs) {
            while (!pending.isEmpty() && pending.firstKey() < acked) {
                Segment s = pending.pollFirstEntry().getValue();
                gapTo(out, dir, s.start(), s.packetNo(), s.tsNs());
                take(out, dir, s);
                drain(out, dir);
            }
            gapTo(out, dir, acked, packetNo, tsNs);
        }

        void drainAll(Builder out, int dir) {
            while (!pending.isEmpty()) {
                Segment s = pending.pollFirstEntry().getValue();
                gapTo(out, dir, s.start(), s.packetNo(), s.tsNs());
                if (s.end() > next) {
                    take(out, dir, s);
                }
            }
        }
    }
}
