package dev.mirrorscope.engine.decode;

/**
 * TCP (RFC 9293): ports, sequence and acknowledgement numbers, flags, window and the options MSS,
 * window scale, SACK-permitted, SACK blocks and timestamps. Mirrors tshark on short headers: ports
 * from 4 bytes, flags only once the fixed header through the window (16 bytes) is there and the data
 * offset is valid. A bad option is an anomaly, but ports and flags are kept.
 */
final class TcpDecoder {
    static final int MIN_HEADER_LENGTH = 20;
    /** Bytes tshark reads (through the window field) before it reports the flags. */
    private static final int FLAGS_NEED = 16;
    private static final int DNS_PORT = 53;

    private TcpDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < 4) {
            truncated(pos, avail, out);
            return;
        }
        out.sport = Bytes.u16(b, pos);
        out.dport = Bytes.u16(b, pos + 2);
        if (avail < FLAGS_NEED) {
            truncated(pos, avail, out);
            return;
        }
        out.tcpSeq = Bytes.u32(b, pos + 4);
        out.tcpAck = Bytes.u32(b, pos + 8);
        int headerLength = (Bytes.u8(b, pos + 12) >>> 4) * 4;
        if (headerLength < MIN_HEADER_LENGTH) {
            out.layerAt(Layer.TCP, pos, Math.min(avail, MIN_HEADER_LENGTH));
            out.anomalyAt(Anomaly.BAD_TCP_HEADER_LENGTH, pos);
            return;
        }
        out.tcpFlags = Bytes.u8(b, pos + 13);
        out.tcpWindow = Bytes.u16(b, pos + 14);
        out.layerAt(Layer.TCP, pos, Math.min(avail, headerLength));
        if (avail < MIN_HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_TCP_HEADER, pos);
            return;
        }
        int headerEnd = pos + headerLength;
        if (headerEnd > out.declaredEnd) {
            out.anomalyAt(Anomaly.BAD_TCP_HEADER_LENGTH, pos);
        }
        decodeOptions(b, pos + MIN_HEADER_LENGTH, Math.min(headerEnd, limit), headerEnd, out);
        if (headerEnd > limit) {
            out.anomalyAt(Anomaly.TRUNCATED_TCP_HEADER, pos);
            return;
        }
        out.tcpPayloadLen = Math.max(0, out.declaredEnd - headerEnd);
        out.payloadOffset = headerEnd - out.base;
        out.payloadLength = limit - headerEnd;
        if (limit > headerEnd) {
            decodeApplication(b, headerEnd, limit, out);
        }
    }

    private static void truncated(int pos, int avail, DecodedPacket out) {
        if (avail > 0) {
            out.layerAt(Layer.TCP, pos, avail);
        }
        out.anomalyAt(Anomaly.TRUNCATED_TCP_HEADER, pos);
    }

    /**
     * Walks options in {@code [p, captured)}; {@code headerEnd} is where the header says they end. The bulk
     * path stops at End of Option List; a listener hears the options after it too, as tshark lists them,
     * but they set no field and raise no anomaly.
     */
    private static void decodeOptions(byte[] b, int p, int captured, int headerEnd, DecodedPacket out) {
        boolean ended = false;
        while (p < captured) {
            int kind = Bytes.u8(b, p);
            if (kind == 0 || kind == 1) {
                out.partAt(Part.TCP_OPTION, p, 1);
                if (kind == 0 && !out.listening()) {
                    return;
                }
                ended |= kind == 0;
                p++;
                continue;
            }
            if (captured - p < 2) {
                if (p + 2 > headerEnd && !ended) {
                    out.anomalyAt(Anomaly.BAD_TCP_OPTION, p);
                }
                out.partAt(Part.TCP_OPTION, p, captured - p);
                return;
            }
            int length = Bytes.u8(b, p + 1);
            if (length < 2 || p + length > headerEnd) {
                if (!ended) {
                    out.anomalyAt(Anomaly.BAD_TCP_OPTION, p);
                }
                out.partAt(Part.TCP_OPTION, p, 2);
                return;
            }
            if (p + length > captured) {
                out.partAt(Part.TCP_OPTION, p, captured - p);
                return;
            }
            out.partAt(Part.TCP_OPTION, p, length);
            if (ended) {
                p += length;
                continue;
            }
            boolean ok = true;
            switch (kind) {
                case 2:
                    ok = length == 4;
                    if (ok) {
                        out.tcpMss = Bytes.u16(b, p + 2);
                    }
                    break;
                case 3:
                    ok = length == 3;
                    if (ok) {
                        out.tcpWindowScale = Bytes.u8(b, p + 2);
                    }
                    break;
                case 4:
                    ok = length == 2;
                    out.tcpSackPermitted |= ok;
                    break;
                case 5:
                    ok = length >= 10 && (length - 2) % 8 == 0;
                    if (ok) {
                        out.tcpSackBlocks = (length - 2) / 8;
                        out.tcpSackLeft = Bytes.u32(b, p + 2);
                        out.tcpSackRight = Bytes.u32(b, p + 6);
                    }
                    break;
                case 8:
                    ok = length == 10;
                    if (ok) {
                        out.tcpHasTimestamps = true;
                        out.tcpTsVal = Bytes.u32(b, p + 2);
                        out.tcpTsEcr = Bytes.u32(b, p + 6);
                    }
                    break;
                default:
                    break;
            }
            if (!ok) {
                out.anomalyAt(Anomaly.BAD_TCP_OPTION, p);
            }
            p += length;
        }
    }

    private static void decodeApplication(byte[] b, int pos, int limit, DecodedPacket out) {
        if (out.sport == DNS_PORT || out.dport == DNS_PORT) {
            DnsDecoder.decodeTcp(b, pos, limit, out);
        } else if (TlsDecoder.looksLikeTls(b, pos, limit, out)) {
            TlsDecoder.decode(b, pos, limit, out);
        } else if (HttpDecoder.looksLikeHttp(b, pos, limit)) {
            HttpDecoder.decode(b, pos, limit, out);
        }
    }
}
