package dev.mirrorscope.engine.sample;

import dev.mirrorscope.engine.capture.CaptureWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes captures as a VPC Traffic Mirroring target receives them: each mirrored frame wrapped in
 * outer Ethernet/IPv4/UDP 4789/VXLAN with the VNI of its mirror session, sent from the source ENI's
 * address to the target. {@link #sample} writes a realistic mix (several ENIs and VNIs; TCP with
 * handshakes, data, FIN, refusals, resets and retransmissions; HTTP, TLS with SNI, DNS, ICMP and ICMP
 * errors, IPv6, plus a Gateway Load Balancer Geneve portion and an ERSPAN portion); {@link #bulk}
 * writes any number of VXLAN-mirrored TCP packets fast and in constant memory, for benchmarks.
 * Deterministic for a seed.
 */
public final class MirrorTrafficGenerator {
    /** 2026-11-02T09:00:00Z: where generated time starts. */
    public static final long START_NS = 1_793_610_000_000_000_000L;
    private static final int TARGET_IP = ip(10, 0, 200, 10);
    private static final long TARGET_MAC = 0x0a_00_00_c8_00_0aL;
    private static final long GATEWAY_MAC = 0x0a_00_00_00_00_01L;
    private static final int VXLAN_PORT = 4789;

    /** A mirror session: the ENI whose traffic is copied, with its address, MAC and the session's VNI. */
    record Mirror(String eni, int vni, int ip, long mac) {
    }

    private static final Mirror WEB = new Mirror("eni-0a1b2c3d4e5f60001", 101, ip(10, 0, 1, 10), 0x0a_1b_2c_01_00_10L);
    private static final Mirror DB = new Mirror("eni-0a1b2c3d4e5f60002", 102, ip(10, 0, 2, 20), 0x0a_1b_2c_02_00_20L);
    private static final Mirror BASTION = new Mirror("eni-0a1b2c3d4e5f60003", 103, ip(10, 0, 1, 30),
            0x0a_1b_2c_01_00_30L);

    private final CaptureWriter out;
    private final SplittableRandom random;
    private final FrameBuilder f = new FrameBuilder();
    private long now = START_NS;
    private long written;
    private int ipId = 1;
    private long greSequence;

    public MirrorTrafficGenerator(CaptureWriter out, long seed) {
        this.out = out;
        this.random = new SplittableRandom(seed);
    }

    public long packetsWritten() {
        return written;
    }

    /** A TCP conversation between a client and a server, seen on one or two mirror sessions. */
    private final class Tcp {
        final Mirror[] mirrors;
        final boolean v6;
        final long cHi, cLo, sHi, sLo;
        final int cPort, sPort;
        long cSeq, sSeq;
        final long rttNs;
        /** Whether the client side of the conversation is the mirrored ENI's peer (then server MAC is the ENI). */
        final boolean serverIsEni;

        Tcp(Mirror[] mirrors, int client, int server, int cPort, int sPort, long rttNs, boolean serverIsEni) {
            this(mirrors, false, 0, client & 0xFFFF_FFFFL, 0, server & 0xFFFF_FFFFL, cPort, sPort, rttNs, serverIsEni);
        }

        Tcp(Mirror[] mirrors, boolean v6, long cHi, long cLo, long sHi, long sLo, int cPort, int sPort, long rttNs,
            boolean serverIsEni) {
            this.mirrors = mirrors;
            this.v6 = v6;
            this.cHi = cHi;
            this.cLo = cLo;
            this.sHi = sHi;
            this.sLo = sLo;
            this.cPort = cPort;
            this.sPort = sPort;
            this.cSeq = random.nextLong(1L << 32);
            this.sSeq = random.nextLong(1L << 32);
            this.rttNs = rttNs;
            this.serverIsEni = serverIsEni;
        }

        void handshake() throws IOException {
            send(true, 0x02, cSeq, 0, synOptions(), null, 0);
            cSeq++;
            now += rttNs / 2;
            send(false, 0x12, sSeq, cSeq, synOptions(), null, 0);
            sSeq++;
            now += rttNs / 2;
            send(true, 0x10, cSeq, sSeq, null, null, 0);
        }

        void data(boolean fromClient, byte[] payload, int fillerLen) throws IOException {
            int len = payload != null ? payload.length : fillerLen;
            if (fromClient) {
                send(true, 0x18, cSeq, sSeq, null, payload, fillerLen);
                cSeq += len;
            } else {
                send(false, 0x18, sSeq, cSeq, null, payload, fillerLen);
                sSeq += len;
            }
        }

        void ack(boolean fromClient) throws IOException {
            send(fromClient, 0x10, fromClient ? cSeq : sSeq, fromClient ? sSeq : cSeq, null, null, 0);
        }

        /** The last data segment again, as a retransmission after a timeout. */
        void retransmit(boolean fromClient, int fillerLen) throws IOException {
            long seq = (fromClient ? cSeq : sSeq) - fillerLen;
            send(fromClient, 0x18, seq, fromClient ? sSeq : cSeq, null, null, fillerLen);
        }

        void close(boolean clientFirst) throws IOException {
            boolean a = clientFirst;
            send(a, 0x11, a ? cSeq : sSeq, a ? sSeq : cSeq, null, null, 0);
            if (a) {
                cSeq++;
            } else {
                sSeq++;
            }
            now += rttNs / 2;
            send(!a, 0x11, !a ? cSeq : sSeq, !a ? sSeq : cSeq, null, null, 0);
            if (!a) {
                cSeq++;
            } else {
                sSeq++;
            }
            now += rttNs / 2;
            send(a, 0x10, a ? cSeq : sSeq, a ? sSeq : cSeq, null, null, 0);
        }

        void reset(boolean fromClient) throws IOException {
            send(fromClient, 0x14, fromClient ? cSeq : sSeq, fromClient ? sSeq : cSeq, null, null, 0);
        }

        void refused() throws IOException {
            send(true, 0x02, cSeq, 0, synOptions(), null, 0);
            cSeq++;
            now += rttNs / 2;
            send(false, 0x14, 0, cSeq, null, null, 0);
        }

        private void send(boolean fromClient, int flags, long seq, long ack, byte[] options, byte[] payload,
                          int fillerLen) throws IOException {
            for (int m = 0; m < mirrors.length; m++) {
                f.begin();
                if (payload != null) {
                    f.payload(payload);
                } else if (fillerLen > 0) {
                    f.filler(fillerLen, (int) seq);
                }
                f.tcp(fromClient ? cPort : sPort, fromClient ? sPort : cPort, seq & 0xFFFF_FFFFL, ack & 0xFFFF_FFFFL,
                        flags, 62_727, options);
                if (v6) {
                    f.ip6(fromClient ? cHi : sHi, fromClient ? cLo : sLo, fromClient ? sHi : cHi,
                            fromClient ? sLo : cLo, FrameBuilder.TCP, 64);
                } else {
                    f.ip4((int) (fromClient ? cLo : sLo), (int) (fromClient ? sLo : cLo), FrameBuilder.TCP, 64,
                            nextId());
                }
                boolean towardEni = fromClient == serverIsEni;
                mirror(mirrors[m], v6, towardEni, cPort ^ sPort);
                now += 1_000 + random.nextInt(4_000);
            }
        }
    }

    private byte[] synOptions() {
        byte[] o = {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7};
        long ts = (now / 1_000_000) & 0xFFFF_FFFFL;
        o[8] = (byte) (ts >>> 24);
        o[9] = (byte) (ts >>> 16);
        o[10] = (byte) (ts >>> 8);
        o[11] = (byte) ts;
        return o;
    }

    /** Wraps the frame built so far (an IP packet) in inner Ethernet and the VXLAN mirror encapsulation. */
    private void mirror(Mirror m, boolean v6, boolean towardEni, int flowEntropy) throws IOException {
        f.ethernet(towardEni ? m.mac() : GATEWAY_MAC, towardEni ? GATEWAY_MAC : m.mac(), v6 ? 0x86DD : 0x0800);
        f.vxlan(m.vni());
        f.udp(49152 + (flowEntropy & 0x3FFF), VXLAN_PORT, false);
        f.ip4(m.ip(), TARGET_IP, FrameBuilder.UDP, 64, nextId());
        f.ethernet(TARGET_MAC, m.mac(), 0x0800);
        emit();
    }

    private void emit() throws IOException {
        out.write(now, f.buf, f.start, f.length(), f.length());
        written++;
    }

    private int nextId() {
        ipId = (ipId + 1) & 0xFFFF;
        return ipId;
    }

    /** The realistic mix, {@code rounds} times over with fresh ports and addresses. */
    public void sample(int rounds) throws IOException {
        for (int r = 0; r < rounds; r++) {
            round(r);
            now += 250_000_000L + random.nextInt(500_000_000);
        }
    }

    private void round(int r) throws IOException {
        int client = ip(203, 0, 113, 10 + random.nextInt(200));
        // HTTP to the web server, seen on its mirror session.
        Tcp http = new Tcp(new Mirror[] {WEB}, client, WEB.ip(), ephemeral(), 80, ms(18, 30), true);
        http.handshake();
        http.data(true, ascii("GET /catalog?page=" + (r + 1) + " HTTP/1.1\r\nHost: www.example.com\r\n"
                + "User-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n"), 0);
        now += ms(2, 8);
        http.ack(false);
        http.data(false, ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2800\r\n\r\n"), 0);
        http.data(false, null, 1400);
        http.data(false, null, 1400);
        http.ack(true);
        http.close(true);
        // TLS with SNI, and one retransmitted server segment.
        Tcp tls = new Tcp(new Mirror[] {WEB}, ip(198, 51, 100, 7 + r % 50), WEB.ip(), ephemeral(), 443, ms(40, 90),
                true);
        tls.handshake();
        tls.data(true, clientHello(r % 3 == 0 ? "shop.example.com" : "api.example.com"), 0);
        tls.data(false, null, 1200);
        tls.ack(true);
        tls.data(false, null, 1300);
        now += ms(200, 300);
        tls.retransmit(false, 1300);
        tls.ack(true);
        tls.data(true, null, 380);
        tls.data(false, null, 900);
        tls.ack(true);
        tls.close(false);
        // The web tier talks to the database: both ENIs are mirrored, so every packet is seen twice.
        Tcp pg = new Tcp(new Mirror[] {WEB, DB}, WEB.ip(), DB.ip(), ephemeral(), 5432, ms(1, 2), true);
        pg.handshake();
        for (int q = 0; q < 3; q++) {
            pg.data(true, null, 120 + random.nextInt(200));
            pg.data(false, null, 400 + random.nextInt(900));
            pg.ack(true);
        }
        pg.close(true);
        // DNS from the web server to the VPC resolver.
        dns(WEB, r);
        // A scanner: refused connections.
        int scanner = ip(192, 0, 2, 66);
        int scanPort = ephemeral();
        for (int port : new int[] {23, 3389, 8080}) {
            new Tcp(new Mirror[] {WEB}, scanner, WEB.ip(), scanPort, port, ms(30, 40), true).refused();
        }
        // SSH from the bastion to the database, reset by the client mid-stream.
        Tcp ssh = new Tcp(new Mirror[] {BASTION, DB}, BASTION.ip(), DB.ip(), ephemeral(), 22, ms(1, 2), true);
        ssh.handshake();
        ssh.data(false, ascii("SSH-2.0-OpenSSH_9.6\r\n"), 0);
        ssh.data(true, ascii("SSH-2.0-OpenSSH_9.3\r\n"), 0);
        ssh.data(true, null, 600);
        ssh.data(false, null, 700);
        ssh.reset(true);
        // ICMP echo bastion -> web, and a port unreachable from the database for an SNMP probe.
        icmpEcho(r);
        portUnreachable(r);
        // IPv6: a TLS session to an external service, and an ICMPv6 echo.
        Tcp v6 = new Tcp(new Mirror[] {WEB}, true, 0x2001_0db8_0001_0000L, 0x10L, 0x2600_1f18_abcd_0000L, 0x45L,
                ephemeral(), 443, ms(60, 80), false);
        v6.handshake();
        v6.data(true, clientHello("updates.example.net"), 0);
        v6.data(false, null, 1100);
        v6.ack(true);
        v6.close(true);
        icmp6Echo(r);
        // A Gateway Load Balancer appliance sees a flow through Geneve, and a switch port via ERSPAN.
        gwlb(r);
        erspan(r);
    }

    private void dns(Mirror m, int r) throws IOException {
        String name = r % 2 == 0 ? "api.example.com" : "static.example.com";
        int resolver = ip(10, 0, 0, 2);
        int port = ephemeral();
        int id = random.nextInt(65536);
        byte[] q = dnsQuery(id, name, false);
        udp4(m, m.ip(), resolver, port, 53, q, false);
        now += ms(1, 3);
        udp4(m, resolver, m.ip(), 53, port, dnsQuery(id, name, true), true);
    }

    private void udp4(Mirror m, int src, int dst, int sport, int dport, byte[] payload, boolean towardEni)
            throws IOException {
        f.begin().payload(payload).udp(sport, dport, true).ip4(src, dst, FrameBuilder.UDP, 64, nextId());
        mirror(m, false, towardEni, sport ^ dport);
        now += 1_000;
    }

    private void icmpEcho(int r) throws IOException {
        for (int seq = 1; seq <= 2; seq++) {
            f.begin().filler(48, seq).icmp(8, 0, (0x1c2b << 16) | (r * 4 + seq)).ip4(BASTION.ip(), WEB.ip(),
                    FrameBuilder.ICMP, 64, nextId());
            mirror(WEB, false, true, 1);
            now += ms(0, 1);
            f.begin().filler(48, seq).icmp(0, 0, (0x1c2b << 16) | (r * 4 + seq)).ip4(WEB.ip(), BASTION.ip(),
                    FrameBuilder.ICMP, 64, nextId());
            mirror(WEB, false, false, 1);
            now += ms(900, 1100);
        }
    }

    private void portUnreachable(int r) throws IOException {
        int sport = ephemeral();
        f.begin().payload(new byte[] {0x30, 0x26, 0x02, 0x01, 0x01, 0x04, 0x06}).udp(sport, 161, true)
                .ip4(WEB.ip(), DB.ip(), FrameBuilder.UDP, 64, nextId());
        byte[] probe = java.util.Arrays.copyOfRange(f.buf, f.start, f.end);
        mirror(WEB, false, false, sport);
        now += ms(0, 1);
        f.begin().payload(probe, 0, Math.min(probe.length, 28)).icmp(3, 3, 0).ip4(DB.ip(), WEB.ip(),
                FrameBuilder.ICMP, 64, nextId());
        byte[] error = java.util.Arrays.copyOfRange(f.buf, f.start, f.end);
        mirror(DB, false, false, sport);
        now += 20_000;
        f.begin().payload(error);
        mirror(WEB, false, true, sport);
    }

    private void icmp6Echo(int r) throws IOException {
        long webHi = 0x2001_0db8_0001_0000L;
        long peerHi = 0x2001_0db8_0002_0000L;
        f.begin().filler(32, r).icmp6(128, 0, (0x77 << 16) | r).ip6(peerHi, 0x99, webHi, 0x10, FrameBuilder.ICMPV6, 64);
        mirror(WEB, true, true, 3);
        now += ms(0, 1);
        f.begin().filler(32, r).icmp6(129, 0, (0x77 << 16) | r).ip6(webHi, 0x10, peerHi, 0x99, FrameBuilder.ICMPV6, 64);
        mirror(WEB, true, false, 3);
    }

    private void gwlb(int r) throws IOException {
        int client = ip(203, 0, 113, 80);
        int server = WEB.ip();
        int cport = ephemeral();
        long cseq = random.nextLong(1L << 32);
        long sseq = random.nextLong(1L << 32);
        int[][] steps = {{1, 0x02, 0}, {0, 0x12, 0}, {1, 0x10, 0}, {1, 0x18, 300}, {0, 0x18, 1200}, {1, 0x11, 0},
            {0, 0x11, 0}, {1, 0x10, 0}};
        for (int[] s : steps) {
            boolean c = s[0] == 1;
            f.begin().filler(s[2], r);
            f.tcp(c ? cport : 443, c ? 443 : cport, (c ? cseq : sseq) & 0xFFFF_FFFFL,
                    s[1] == 0x02 ? 0 : (c ? sseq : cseq) & 0xFFFF_FFFFL, s[1], 26_883, null);
            f.ip4(c ? client : server, c ? server : client, FrameBuilder.TCP, 62, nextId());
            f.geneveGwlb(0, 0x0800, 0x0a1b_2c3d_4e5f_6001L, 0x7a8b_9c0d_1e2f_3001L, 0x5eed_0000 | cport);
            f.udp(49152 + (cport & 0x3FFF), 6081, false);
            f.ip4(ip(10, 0, 100, 5), ip(10, 0, 200, 50), FrameBuilder.UDP, 64, nextId());
            f.ethernet(0x0a_00_00_c8_00_32L, 0x0a_00_00_64_00_05L, 0x0800);
            emit();
            if (c) {
                cseq += s[2] + ((s[1] & 0x03) != 0 ? 1 : 0);
            } else {
                sseq += s[2] + ((s[1] & 0x03) != 0 ? 1 : 0);
            }
            now += ms(1, 5);
        }
    }

    private void erspan(int r) throws IOException {
        int a = ip(172, 16, 5, 21);
        int b = ip(172, 16, 5, 40);
        for (int seq = 1; seq <= 2; seq++) {
            for (boolean request : new boolean[] {true, false}) {
                f.begin().filler(56, seq).icmp(request ? 8 : 0, 0, (0x0bad << 16) | (r * 4 + seq))
                        .ip4(request ? a : b, request ? b : a, FrameBuilder.ICMP, 64, nextId());
                f.ethernet(request ? 0x00_1b_54_00_00_40L : 0x00_1b_54_00_00_21L,
                        request ? 0x00_1b_54_00_00_21L : 0x00_1b_54_00_00_40L, 0x0800);
                f.greErspan2(greSequence++, 7, 30, 2);
                f.ip4(ip(10, 0, 50, 1), ip(10, 0, 50, 2), 47, 255, nextId());
                f.ethernet(0x0a_00_00_32_00_02L, 0x0a_00_00_32_00_01L, 0x0800);
                emit();
                now += ms(0, 1);
            }
        }
    }

    /**
     * {@code packets} packets of VXLAN-mirrored TCP: many concurrent conversations across three mirror
     * sessions, each with a handshake, request and response segments and a FIN close. Frames average
     * about 430 bytes, so a million packets make a capture of about 450 MB.
     */
    public void bulk(long packets) throws IOException {
        int concurrent = 256;
        List<BulkFlow> active = new ArrayList<>(concurrent);
        Mirror[] mirrors = {WEB, DB, BASTION};
        long flowNo = 0;
        while (written < packets) {
            while (active.size() < concurrent) {
                active.add(new BulkFlow(mirrors[(int) (flowNo % 3)], flowNo++));
            }
            int i = random.nextInt(active.size());
            BulkFlow b = active.get(i);
            if (b.step()) {
                active.set(i, active.get(active.size() - 1));
                active.remove(active.size() - 1);
            }
            now += 500 + random.nextInt(3_000);
        }
    }

    private final class BulkFlow {
        final Tcp tcp;
        final int exchanges;
        int stage;

        BulkFlow(Mirror m, long n) {
            int client = ip(10, 16 + (int) (n % 8), (int) ((n >>> 3) & 0xFF), 1 + (int) ((n >>> 11) % 254));
            int[] ports = {443, 80, 5432, 6379, 8443, 22};
            tcp = new Tcp(new Mirror[] {m}, client, m.ip(), 1024 + (int) ((n * 7919) % 64_000), ports[(int) (n % 6)],
                    100_000 + random.nextInt(2_000_000), true);
            exchanges = 1 + random.nextInt(12);
        }

        /** Sends this flow's next packet; true when the flow has finished. */
        boolean step() throws IOException {
            int s = stage++;
            if (s == 0) {
                tcp.send(true, 0x02, tcp.cSeq++, 0, synOptions(), null, 0);
            } else if (s == 1) {
                tcp.send(false, 0x12, tcp.sSeq++, tcp.cSeq, synOptions(), null, 0);
            } else if (s == 2) {
                tcp.ack(true);
            } else if (s < 3 + exchanges * 3) {
                int k = (s - 3) % 3;
                if (k == 0) {
                    tcp.data(true, null, 60 + random.nextInt(500));
                } else if (k == 1) {
                    tcp.data(false, null, 300 + random.nextInt(1_150));
                } else {
                    tcp.ack(true);
                }
            } else {
                int k = s - 3 - exchanges * 3;
                if (k == 0) {
                    tcp.send(true, 0x11, tcp.cSeq++, tcp.sSeq, null, null, 0);
                } else if (k == 1) {
                    tcp.send(false, 0x11, tcp.sSeq++, tcp.cSeq, null, null, 0);
                } else {
                    tcp.ack(true);
                    return true;
                }
            }
            return false;
        }
    }

    private int ephemeral() {
        return 32_768 + random.nextInt(28_000);
    }

    private long ms(int lo, int hi) {
        return (lo * 1_000_000L) + random.nextLong(Math.max(1, (hi - lo) * 1_000_000L));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    /** A TLS 1.3-style ClientHello with server_name and supported_versions. */
    static byte[] clientHello(String sni) {
        byte[] host = sni.getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream ext = new java.io.ByteArrayOutputStream();
        int nameList = 3 + host.length;
        writeBytes(ext, 0, 0, (nameList + 2) >> 8, (nameList + 2) & 0xFF, nameList >> 8, nameList & 0xFF, 0,
                host.length >> 8, host.length & 0xFF);
        ext.writeBytes(host);
        writeBytes(ext, 0x00, 0x2b, 0, 3, 2, 0x03, 0x04);
        byte[] extensions = ext.toByteArray();
        java.io.ByteArrayOutputStream hello = new java.io.ByteArrayOutputStream();
        writeBytes(hello, 0x03, 0x03);
        for (int i = 0; i < 32; i++) {
            hello.write(i * 7);
        }
        writeBytes(hello, 0, 0, 4, 0x13, 0x01, 0x13, 0x02, 1, 0, extensions.length >> 8, extensions.length & 0xFF);
        hello.writeBytes(extensions);
        byte[] body = hello.toByteArray();
        java.io.ByteArrayOutputStream rec = new java.io.ByteArrayOutputStream();
        int hs = body.length + 4;
        writeBytes(rec, 0x16, 0x03, 0x01, hs >> 8, hs & 0xFF, 0x01, 0, body.length >> 8, body.length & 0xFF);
        rec.writeBytes(body);
        return rec.toByteArray();
    }

    /** A DNS query for an A record, or its answer: a CNAME and an A record named by compression pointers. */
    static byte[] dnsQuery(int id, String name, boolean response) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        writeBytes(o, id >> 8, id & 0xFF, response ? 0x81 : 0x01, response ? 0x80 : 0x00, 0, 1, 0, response ? 2 : 0,
                0, 0, 0, 0);
        for (String label : name.split("\\.")) {
            o.write(label.length());
            o.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        writeBytes(o, 0, 0, 1, 0, 1);
        if (response) {
            int suffix = 12 + 1 + name.indexOf('.');
            writeBytes(o, 0xC0, 12, 0, 5, 0, 1, 0, 0, 0x01, 0x2c, 0, 7);
            int cnameAt = o.size();
            o.write(4);
            o.writeBytes("edge".getBytes(StandardCharsets.US_ASCII));
            writeBytes(o, 0xC0 | (suffix >> 8), suffix & 0xFF);
            writeBytes(o, 0xC0 | (cnameAt >> 8), cnameAt & 0xFF, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 52, 84, 12, 7);
        }
        return o.toByteArray();
    }

    private static void writeBytes(java.io.ByteArrayOutputStream o, int... b) {
        for (int v : b) {
            o.write(v);
        }
    }
}
