package dev.mirrorscope.engine.decode;

/**
 * IPv6 (RFC 8200) with its extension-header chain: Hop-by-Hop, Routing, Fragment and Destination
 * Options are walked (up to {@link DecodeLimits#MAX_IPV6_EXTENSION_HEADERS}); {@code proto} becomes the
 * last Next Header of that chain, as tshark-diff reads it. A payload length of 0 means a Jumbo Payload
 * option in Hop-by-Hop (RFC 2675) when one is there, else an empty payload as tshark treats it.
 */
final class Ipv6Decoder {
    static final int HEADER_LENGTH = 40;
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int NO_NEXT_HEADER = 59;
    static final int DESTINATION_OPTIONS = 60;
    private static final int FRAGMENT_HEADER_LENGTH = 8;
    private static final int SEGMENT_ROUTING = 4;
    private static final int JUMBO_OPTION = 0xC2;
    /** RFC 2675: a Jumbo Payload length must be above 65535, and tshark ignores one that is not. */
    private static final long MIN_JUMBO_LENGTH = 65536;

    private Ipv6Decoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < 1) {
            out.anomalyAt(Anomaly.TRUNCATED_IPV6_HEADER, pos);
            return;
        }
        if (Bytes.u8(b, pos) >>> 4 != 6) {
            out.layerAt(Layer.DATA, pos, avail);
            out.anomalyAt(Anomaly.BAD_IP_VERSION, pos);
            return;
        }
        if (avail < HEADER_LENGTH) {
            out.layerAt(Layer.IPV6, pos, avail);
            out.anomalyAt(Anomaly.TRUNCATED_IPV6_HEADER, pos);
            return;
        }
        out.clearTransport();
        out.ipVersion = 6;
        out.srcHi = Bytes.i64(b, pos + 8);
        out.srcLo = Bytes.i64(b, pos + 16);
        out.dstHi = Bytes.i64(b, pos + 24);
        out.dstLo = Bytes.i64(b, pos + 32);
        out.fragment = false;
        out.nonFirstFragment = false;
        out.fragmentOffset = 0;
        int next = Bytes.u8(b, pos + 6);
        out.proto = next;
        out.layerAt(Layer.IPV6, pos, HEADER_LENGTH);
        int start = pos + HEADER_LENGTH;
        long payloadLength = Bytes.u16(b, pos + 4);
        if (payloadLength == 0) {
            long jumbo = next == HOP_BY_HOP ? jumboLength(b, start, limit) : 0;
            payloadLength = jumbo >= MIN_JUMBO_LENGTH ? jumbo : 0;
            if (payloadLength == 0 && next != NO_NEXT_HEADER) {
                out.anomalyAt(Anomaly.BAD_IPV6_PAYLOAD_LENGTH, pos);
            }
        }
        int end = Bytes.addClamped(start, payloadLength);
        if (end > out.declaredEnd) {
            if (Encapsulations.cutByMirror(out)) {
                out.anomalyAt(Anomaly.MIRROR_TRUNCATED, pos);
            } else {
                out.anomalyAt(Anomaly.BAD_IPV6_PAYLOAD_LENGTH, pos);
                end = Math.max(start, out.declaredEnd);
            }
        }
        out.declaredEnd = end;
        int payloadLimit = Math.max(start, Math.min(limit, end));
        int p = start;
        int listLimit = DecodedPacket.MAX_LAYERS - DecodeLimits.LAYERS_RESERVED_AFTER_IPV6_EXTENSIONS;
        for (int count = 0; isChained(next); count++) {
            if (count >= DecodeLimits.MAX_IPV6_EXTENSION_HEADERS) {
                out.anomalyAt(Anomaly.TOO_MANY_IPV6_EXTENSIONS, p);
                return;
            }
            int captured = payloadLimit - p;
            int length;
            if (next == FRAGMENT) {
                length = FRAGMENT_HEADER_LENGTH;
                // tshark reports a Fragment header's fields only when all 8 bytes are there.
                if (captured >= FRAGMENT_HEADER_LENGTH) {
                    int offsetFlags = Bytes.u16(b, p + 2);
                    int fragmentOffset = offsetFlags & 0xFFF8;
                    out.fragmentOffset = fragmentOffset;
                    out.fragment = fragmentOffset != 0 || (offsetFlags & 1) != 0;
                    out.nonFirstFragment = fragmentOffset != 0;
                }
            } else {
                length = captured >= 2 ? (Bytes.u8(b, p + 1) + 1) * 8 : Integer.MAX_VALUE;
            }
            if (captured >= nextHeaderNeeds(next)) {
                out.proto = Bytes.u8(b, p);
            }
            if (out.layerCount < listLimit && captured > 0) {
                out.layerAt(Layer.IPV6_EXT, p, Math.min(captured, length));
            } else if (captured > 0) {
                out.unlistedLayerAt(Layer.IPV6_EXT, p, Math.min(captured, length));
            }
            if (captured < length) {
                out.anomalyAt(Anomaly.TRUNCATED_IPV6_EXTENSION, p);
                return;
            }
            boolean options = next == HOP_BY_HOP || next == DESTINATION_OPTIONS;
            if (options && out.listening()) {
                reportOptions(b, p + 2, p + length, payloadLimit, out);
            }
            if (options && !optionsFit(b, p + 2, p + length, payloadLimit)) {
                // tshark stops inside a header whose option overruns it, before what follows.
                out.anomalyAt(Anomaly.BAD_IPV6_OPTION, p);
                return;
            }
            if (next == ROUTING && !segmentsFit(b, p, length)) {
                out.anomalyAt(Anomaly.BAD_IPV6_ROUTING_HEADER, p);
                return;
            }
            next = Bytes.u8(b, p);
            p += length;
            if (out.nonFirstFragment) {
                if (payloadLimit > p) {
                    out.layerAt(Layer.DATA, p, payloadLimit - p);
                }
                return;
            }
        }
        // Unlike IPv4, tshark hands even an empty IPv6 payload to the next header's dissector.
        if (next != NO_NEXT_HEADER) {
            IpPayloadDecoder.decode(b, p, payloadLimit, next, out);
        }
    }

    /**
     * Bytes of an extension header tshark needs before it reports its Next Header field: the Routing
     * dissector reads it first, the options dissectors after the length, Fragment after all 8 bytes.
     */
    private static int nextHeaderNeeds(int header) {
        switch (header) {
            case ROUTING:
                return 1;
            case FRAGMENT:
                return FRAGMENT_HEADER_LENGTH;
            default:
                return 2;
        }
    }

    private static boolean isChained(int next) {
        return next == HOP_BY_HOP || next == ROUTING || next == FRAGMENT || next == DESTINATION_OPTIONS;
    }

    /**
     * Whether tshark gets through the TLV options in {@code [p, end)} without running out of the
     * bytes it has ({@code limit}): an option may overrun its header into captured bytes, but not past
     * them, and tshark peeks at the byte after a Pad1, so a trailing Pad1 needs one more byte.
     */
    private static boolean optionsFit(byte[] b, int p, int end, int limit) {
        while (p < end) {
            if (Bytes.u8(b, p) == 0) {
                if (limit - p < 2) {
                    return false;
                }
                p++;
                continue;
            }
            if (limit - p < 2) {
                return false;
            }
            p += 2 + Math.max(Bytes.u8(b, p + 1), fixedOptionLength(Bytes.u8(b, p)));
            if (p > limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reports the TLV options of the header {@code [p, end)} as tshark walks them ({@link #optionsFit}):
     * an option that overruns the header is reported up to the header's end; Pad1 is one byte.
     */
    private static void reportOptions(byte[] b, int p, int end, int limit, DecodedPacket out) {
        while (p < end && p < limit) {
            if (Bytes.u8(b, p) == 0) {
                out.partAt(Part.IPV6_OPTION, p, 1);
                p++;
                continue;
            }
            if (limit - p < 2) {
                return;
            }
            int length = 2 + Bytes.u8(b, p + 1);
            out.partAt(Part.IPV6_OPTION, p, Math.min(length, end - p));
            p += length;
        }
    }

    /** Data bytes tshark reads for an option it knows, whatever its length byte says. */
    private static int fixedOptionLength(int type) {
        switch (type) {
            case 0x04: // Tunnel Encapsulation Limit
                return 1;
            case 0x05: // Router Alert
                return 2;
            case 0x41: // Tunnel Payload Forwarding
                return 4;
            case 0xC2: // Jumbo Payload
                return 4;
            case 0xC9: // Home Address
                return 16;
            default:
                return 0;
        }
    }

    /** A Segment Routing Header (type 4, RFC 8754) must hold its Last Entry + 1 segments of 16 bytes. */
    private static boolean segmentsFit(byte[] b, int p, int length) {
        if (length < 8 || Bytes.u8(b, p + 2) != SEGMENT_ROUTING) {
            return true;
        }
        return 8 + (Bytes.u8(b, p + 4) + 1) * 16 <= length;
    }

    /** The Jumbo Payload length in the Hop-by-Hop header at {@code p}, or 0 when there is none. */
    private static long jumboLength(byte[] b, int p, int limit) {
        if (limit - p < 2) {
            return 0;
        }
        int end = Math.min(limit, p + (Bytes.u8(b, p + 1) + 1) * 8);
        int o = p + 2;
        while (o < end) {
            int type = Bytes.u8(b, o);
            if (type == 0) {
                o++;
                continue;
            }
            if (end - o < 2) {
                return 0;
            }
            int length = Bytes.u8(b, o + 1);
            if (type == JUMBO_OPTION && length == 4 && end - o >= 6) {
                return Bytes.u32(b, o + 2);
            }
            o += 2 + length;
        }
        return 0;
    }
}
