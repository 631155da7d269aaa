package dev.mirrorscope.engine.decode;

/**
 * DNS (RFC 1035) over UDP and over TCP (2-byte length prefix): header and the first question. The name
 * is validated here, compression pointers included, and only its offset is kept; {@link DnsNames}
 * turns it into text when someone looks.
 */
final class DnsDecoder {
    static final int HEADER_LENGTH = 12;

    private DnsDecoder() {
    }

    static void decodeUdp(byte[] b, int pos, int limit, DecodedPacket out) {
        decodeMessage(b, pos, limit, out);
    }

    static void decodeTcp(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos < 2) {
            out.anomalyAt(Anomaly.TRUNCATED_DNS, pos);
            return;
        }
        int length = Bytes.u16(b, pos);
        decodeMessage(b, pos + 2, Math.min(limit, pos + 2 + length), out);
    }

    private static void decodeMessage(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_DNS, pos);
            return;
        }
        out.app = Layer.DNS;
        out.appOffset = pos - out.base;
        out.appLength = avail;
        out.layerAt(Layer.DNS, pos, avail);
        out.dnsId = Bytes.u16(b, pos);
        out.dnsFlags = Bytes.u16(b, pos + 2);
        out.dnsQuestions = Bytes.u16(b, pos + 4);
        out.dnsAnswers = Bytes.u16(b, pos + 6);
        if (out.listening()) {
            reportRecords(b, pos, limit, out);
        }
        if (out.dnsQuestions == 0) {
            return;
        }
        int name = pos + HEADER_LENGTH;
        int end = DnsNames.skip(b, pos, name, limit);
        if (end < 0) {
            out.anomalyAt(DnsNames.failure(end), name);
            return;
        }
        out.dnsNameOffset = name - out.base;
        if (limit - end >= 4) {
            out.dnsQtype = Bytes.u16(b, end);
        } else {
            out.anomalyAt(Anomaly.TRUNCATED_DNS, end);
        }
    }

    /**
     * Reports every question and resource record the header counts. A failure in the first question is
     * the bulk path's anomaly already; later ones are reported to the listener only.
     */
    private static void reportRecords(byte[] b, int message, int limit, DecodedPacket out) {
        int[] counts = {Bytes.u16(b, message + 4), Bytes.u16(b, message + 6), Bytes.u16(b, message + 8),
            Bytes.u16(b, message + 10)};
        int[] parts = {Part.DNS_QUESTION, Part.DNS_ANSWER, Part.DNS_AUTHORITY, Part.DNS_ADDITIONAL};
        int p = message + HEADER_LENGTH;
        for (int section = 0; section < 4; section++) {
            for (int i = 0; i < counts[section]; i++) {
                boolean first = section == 0 && i == 0;
                int nameEnd = DnsNames.skip(b, message, p, limit);
                int fixed = section == 0 ? 4 : 10;
                if (nameEnd < 0) {
                    if (!first) {
                        Anomaly a = DnsNames.failure(nameEnd);
                        out.listenerAnomalyAt(a == Anomaly.TRUNCATED_DNS ? Anomaly.TRUNCATED_DNS_RECORD : a, p);
                    }
                    return;
                }
                int end = nameEnd + fixed;
                if (end <= limit && section > 0) {
                    end += Bytes.u16(b, nameEnd + 8);
                }
                if (end > limit) {
                    if (!first) {
                        out.listenerAnomalyAt(Anomaly.TRUNCATED_DNS_RECORD, p);
                    }
                    return;
                }
                out.partAt(parts[section], p, end - p);
                p = end;
            }
        }
    }
}
