package dev.mirrorscope.engine.decode;

/**
 * TLS record header and, for a ClientHello, the server_name extension (RFC 6066). Only this segment's
 * bytes are read: a ClientHello split across segments keeps its record type but may lack the SNI,
 * which is not an anomaly. Lengths that contradict each other inside captured bytes are.
 */
final class TlsDecoder {
    static final int RECORD_HEADER_LENGTH = 5;
    static final int CONTENT_CHANGE_CIPHER_SPEC = 20;
    static final int CONTENT_APPLICATION_DATA = 23;
    static final int CONTENT_HEARTBEAT = 24;
    static final int CONTENT_HANDSHAKE = 22;
    static final int HANDSHAKE_CLIENT_HELLO = 1;
    static final int EXTENSION_SERVER_NAME = 0;
    private static final int HTTPS_PORT = 443;
    private static final int MAX_RECORD_LENGTH = 16384 + 2048;

    private TlsDecoder() {
    }

    /**
     * A handshake record on any port, or any record type on port 443: a content type, version 3.x and a
     * plausible length. Other ports need the handshake type to keep false matches on random data rare.
     */
    static boolean looksLikeTls(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos < RECORD_HEADER_LENGTH) {
            return false;
        }
        int type = Bytes.u8(b, pos);
        if (type < CONTENT_CHANGE_CIPHER_SPEC || type > CONTENT_APPLICATION_DATA || Bytes.u8(b, pos + 1) != 3
                || Bytes.u8(b, pos + 2) > 4 || Bytes.u16(b, pos + 3) > MAX_RECORD_LENGTH) {
            return false;
        }
        return type == CONTENT_HANDSHAKE || out.sport == HTTPS_PORT || out.dport == HTTPS_PORT;
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int recordLength = Bytes.u16(b, pos + 3);
        int recordEnd = pos + RECORD_HEADER_LENGTH + recordLength;
        out.app = Layer.TLS;
        out.appOffset = pos - out.base;
        out.appLength = Math.min(limit, recordEnd) - pos;
        out.layerAt(Layer.TLS, pos, out.appLength);
        out.tlsRecordType = Bytes.u8(b, pos);
        if (out.listening()) {
            reportRecords(b, pos, limit, out);
        }
        if (out.tlsRecordType != CONTENT_HANDSHAKE || limit - pos < RECORD_HEADER_LENGTH + 4) {
            return;
        }
        int hs = pos + RECORD_HEADER_LENGTH;
        out.tlsHandshakeType = Bytes.u8(b, hs);
        if (out.tlsHandshakeType != HANDSHAKE_CLIENT_HELLO) {
            return;
        }
        int helloEnd = hs + 4 + Bytes.u24(b, hs + 1);
        int end = Math.min(limit, Math.min(recordEnd, helloEnd));
        boolean complete = end == Math.min(recordEnd, helloEnd);
        int p = hs + 4 + 2 + 32;
        if (end - p < 1) {
            return;
        }
        p += 1 + Bytes.u8(b, p);
        if (end - p < 2) {
            return;
        }
        out.partAt(Part.TLS_CIPHER_SUITES, p + 2, Math.max(0, Math.min(Bytes.u16(b, p), end - p - 2)));
        p += 2 + Bytes.u16(b, p);
        if (end - p < 1) {
            return;
        }
        out.partAt(Part.TLS_COMPRESSION_METHODS, p + 1, Math.max(0, Math.min(Bytes.u8(b, p), end - p - 1)));
        p += 1 + Bytes.u8(b, p);
        if (end - p < 2) {
            if (p > end && complete) {
                out.anomalyAt(Anomaly.BAD_TLS_HANDSHAKE, hs);
            }
            return;
        }
        int extensionsEnd = p + 2 + Bytes.u16(b, p);
        if (extensionsEnd > helloEnd) {
            out.anomalyAt(Anomaly.BAD_TLS_HANDSHAKE, p);
            return;
        }
        p += 2;
        int walkEnd = Math.min(end, extensionsEnd);
        while (walkEnd - p >= 4) {
            int type = Bytes.u16(b, p);
            int length = Bytes.u16(b, p + 2);
            p += 4;
            if (p + length > extensionsEnd) {
                out.anomalyAt(Anomaly.BAD_TLS_HANDSHAKE, p - 4);
                return;
            }
            if (p + length > walkEnd) {
                return;
            }
            out.partAt(Part.TLS_EXTENSION, p - 4, 4 + length);
            if (type == EXTENSION_SERVER_NAME) {
                serverName(b, p, p + length, out);
                if (!out.listening()) {
                    return;
                }
            }
            p += length;
        }
    }

    /** Reports each record from {@code pos} on while what follows still looks like a TLS record header. */
    private static void reportRecords(byte[] b, int pos, int limit, DecodedPacket out) {
        int p = pos;
        while (limit - p >= RECORD_HEADER_LENGTH) {
            int type = Bytes.u8(b, p);
            if (type < CONTENT_CHANGE_CIPHER_SPEC || type > CONTENT_HEARTBEAT || Bytes.u8(b, p + 1) != 3) {
                return;
            }
            int end = p + RECORD_HEADER_LENGTH + Bytes.u16(b, p + 3);
            out.partAt(Part.TLS_RECORD, p, Math.min(limit, end) - p);
            p = end;
        }
    }

    /** server_name_list: 2-byte list length, then entries of name type (0 = host_name), 2-byte length, name. */
    private static void serverName(byte[] b, int p, int end, DecodedPacket out) {
        if (end - p < 5 || Bytes.u8(b, p + 2) != 0) {
            out.anomalyAt(Anomaly.BAD_TLS_HANDSHAKE, p);
            return;
        }
        int length = Bytes.u16(b, p + 3);
        if (p + 5 + length > end) {
            out.anomalyAt(Anomaly.BAD_TLS_HANDSHAKE, p);
            return;
        }
        out.tlsSniOffset = p + 5 - out.base;
        out.tlsSniLength = length;
    }
}
