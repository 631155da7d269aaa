package dev.mirrorscope.engine.sample;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Application messages as real clients and servers send them (TLS 1.3 handshake records, DNS with
 * compression pointers, PostgreSQL simple queries, SNMP, ping), so that tshark dissects the generated
 * captures without complaint. Used only for the sample mixes; the bulk path never allocates.
 */
final class ApplicationPayloads {
    static final int DNS_A = 1;
    static final int DNS_AAAA = 28;
    static final int DNS_CNAME = 5;

    private ApplicationPayloads() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A TLS 1.3 ClientHello in a TLS 1.0-versioned record, as browsers send it: SNI, ALPN (h2,
     * http/1.1), supported groups, signature algorithms, supported versions and an x25519 key share.
     */
    static byte[] clientHello(String sni, SplittableRandom random) {
        byte[] host = ascii(sni);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        int list = 3 + host.length;
        extension(ext, 0x0000, u16(list), bytes(0), u16(host.length), host);
        extension(ext, 0x000a, u16(4), u16(0x001d), u16(0x0017));
        extension(ext, 0x000d, u16(6), u16(0x0403), u16(0x0804), u16(0x0401));
        byte[] h2 = ascii("h2");
        byte[] h11 = ascii("http/1.1");
        extension(ext, 0x0010, u16(1 + h2.length + 1 + h11.length), bytes(h2.length), h2, bytes(h11.length), h11);
        extension(ext, 0x002b, bytes(4), u16(0x0304), u16(0x0303));
        extension(ext, 0x0033, u16(36), u16(0x001d), u16(32), randomBytes(random, 32));
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.writeBytes(u16(0x0303));
        hello.writeBytes(randomBytes(random, 32));
        hello.write(32);
        hello.writeBytes(randomBytes(random, 32)); // legacy session id, for middlebox compatibility
        hello.writeBytes(u16(10));
        for (int suite : new int[] {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f}) {
            hello.writeBytes(u16(suite));
        }
        hello.writeBytes(bytes(1, 0));
        hello.writeBytes(u16(ext.size()));
        hello.writeBytes(ext.toByteArray());
        return handshakeRecord(0x0301, 1, hello.toByteArray());
    }

    /**
     * A TLS 1.3 server's first flight in {@code totalLen} bytes (at least 200): ServerHello,
     * ChangeCipherSpec, and one encrypted record standing for the rest of the handshake.
     */
    static byte[] serverFlight(int totalLen, SplittableRandom random) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        extension(ext, 0x002b, u16(0x0304));
        extension(ext, 0x0033, u16(0x001d), u16(32), randomBytes(random, 32));
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.writeBytes(u16(0x0303));
        hello.writeBytes(randomBytes(random, 32));
        hello.write(32);
        hello.writeBytes(randomBytes(random, 32));
        hello.writeBytes(u16(0x1301));
        hello.write(0);
        hello.writeBytes(u16(ext.size()));
        hello.writeBytes(ext.toByteArray());
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.writeBytes(handshakeRecord(0x0303, 2, hello.toByteArray()));
        flight.writeBytes(bytes(0x14, 3, 3, 0, 1, 1));
        int rest = totalLen - flight.size() - 5;
        flight.writeBytes(bytes(0x17, 3, 3));
        flight.writeBytes(u16(rest));
        flight.writeBytes(randomBytes(random, rest));
        return flight.toByteArray();
    }

    /** The client's second flight: ChangeCipherSpec, its encrypted Finished, and a first request record. */
    static byte[] clientFinishedAndRequest(int requestLen, SplittableRandom random) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(bytes(0x14, 3, 3, 0, 1, 1));
        o.writeBytes(bytes(0x17, 3, 3, 0, 53));
        o.writeBytes(randomBytes(random, 53));
        o.writeBytes(bytes(0x17, 3, 3));
        o.writeBytes(u16(requestLen));
        o.writeBytes(randomBytes(random, requestLen));
        return o.toByteArray();
    }

    private static byte[] handshakeRecord(int recordVersion, int type, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x16);
        o.writeBytes(u16(recordVersion));
        o.writeBytes(u16(body.length + 4));
        o.write(type);
        o.writeBytes(bytes(body.length >> 16, body.length >> 8, body.length));
        o.writeBytes(body);
        return o.toByteArray();
    }

    private static void extension(ByteArrayOutputStream o, int type, byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        o.writeBytes(u16(type));
        o.writeBytes(u16(len));
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
    }

    /**
     * A DNS query, or its answer. An A answer is a CNAME to {@code edge.<parent domain>} and that name's
     * A record; an AAAA answer is one record. Every name in an answer is a compression pointer.
     */
    static byte[] dns(int id, String name, int qtype, boolean response) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(u16(id));
        o.writeBytes(u16(response ? 0x8180 : 0x0100));
        o.writeBytes(u16(1));
        o.writeBytes(u16(!response ? 0 : qtype == DNS_A ? 2 : 1));
        o.writeBytes(u16(0));
        o.writeBytes(u16(0));
        for (String label : name.split("\\.")) {
            o.write(label.length());
            o.writeBytes(ascii(label));
        }
        o.write(0);
        o.writeBytes(u16(qtype));
        o.writeBytes(u16(1));
        if (!response) {
            return o.toByteArray();
        }
        if (qtype == DNS_A) {
            int parent = 12 + 1 + name.indexOf('.');
            o.writeBytes(bytes(0xC0, 12));
            o.writeBytes(u16(DNS_CNAME));
            o.writeBytes(u16(1));
            o.writeBytes(bytes(0, 0, 0x01, 0x2c));
            o.writeBytes(u16(7));
            int cname = o.size();
            o.write(4);
            o.writeBytes(ascii("edge"));
            o.writeBytes(bytes(0xC0 | (parent >> 8), parent));
            o.writeBytes(bytes(0xC0 | (cname >> 8), cname));
            o.writeBytes(u16(DNS_A));
            o.writeBytes(u16(1));
            o.writeBytes(bytes(0, 0, 0, 60));
            o.writeBytes(u16(4));
            o.writeBytes(bytes(52, 84, 12, 7));
        } else {
            o.writeBytes(bytes(0xC0, 12));
            o.writeBytes(u16(DNS_AAAA));
            o.writeBytes(u16(1));
            o.writeBytes(bytes(0, 0, 0, 60));
            o.writeBytes(u16(16));
            o.writeBytes(bytes(0x26, 0x00, 0x1f, 0x18, 0xab, 0xcd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x45));
        }
        return o.toByteArray();
    }

    /** A PostgreSQL simple-query message ('Q'). */
    static byte[] pgQuery(String sql) {
        byte[] text = ascii(sql);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write('Q');
        o.writeBytes(u32(4 + text.length + 1));
        o.writeBytes(text);
        o.write(0);
        return o.toByteArray();
    }

    /** A PostgreSQL server's answer to a simple query: one text column, {@code rows} rows, then ReadyForQuery. */
    static byte[] pgResult(String column, int rows, int valueLen) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] name = ascii(column);
        o.write('T');
        o.writeBytes(u32(4 + 2 + name.length + 1 + 18));
        o.writeBytes(u16(1));
        o.writeBytes(name);
        o.write(0);
        o.writeBytes(u32(16_384));
        o.writeBytes(u16(2));
        o.writeBytes(u32(25)); // text
        o.writeBytes(u16(0xFFFF));
        o.writeBytes(u32(-1));
        o.writeBytes(u16(0));
        for (int r = 0; r < rows; r++) {
            o.write('D');
            o.writeBytes(u32(4 + 2 + 4 + valueLen));
            o.writeBytes(u16(1));
            o.writeBytes(u32(valueLen));
            for (int i = 0; i < valueLen; i++) {
                o.write('a' + (r + i) % 26);
            }
        }
        byte[] tag = ascii("SELECT " + rows);
        o.write('C');
        o.writeBytes(u32(4 + tag.length + 1));
        o.writeBytes(tag);
        o.write(0);
        o.writeBytes(bytes('Z', 0, 0, 0, 5, 'I'));
        return o.toByteArray();
    }

    /** An SNMPv2c GetRequest for sysDescr.0 with community "public". */
    static byte[] snmpGetSysDescr(int requestId) {
        byte[] m = bytes(0x30, 0x29, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
                0xa0, 0x1c, 0x02, 0x04, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
                0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, 0x05, 0x00);
        m[17] = (byte) (requestId >>> 24 & 0x7F);
        m[18] = (byte) (requestId >>> 16);
        m[19] = (byte) (requestId >>> 8);
        m[20] = (byte) requestId;
        return m;
    }

    /** What Linux ping sends: a 16-byte struct timeval (little-endian) and the bytes 0x10 to 0x37. */
    static byte[] ping(long tsNs) {
        byte[] b = new byte[56];
        long sec = tsNs / 1_000_000_000L;
        long usec = tsNs % 1_000_000_000L / 1000;
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (sec >>> (8 * i));
            b[8 + i] = (byte) (usec >>> (8 * i));
        }
        for (int i = 16; i < 56; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] u16(int v) {
        return bytes(v >> 8, v);
    }

    private static byte[] u32(int v) {
        return bytes(v >> 24, v >> 16, v >> 8, v);
    }
}
