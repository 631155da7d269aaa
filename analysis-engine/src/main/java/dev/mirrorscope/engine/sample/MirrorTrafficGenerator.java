package dev.mirrorscope.engine.sample;

import static dev.mirrorscope.engine.sample.ApplicationPayloads.ascii;

import dev.mirrorscope.engine.capture.CaptureWriter;
import dev.mirrorscope.engine.capture.PcapngWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes captures as the receiving end of AWS traffic sees them. {@link #sample} is a VPC Traffic
 * Mirroring target's view: each mirrored frame in outer Ethernet/IPv4/UDP 4789/VXLAN with the VNI of
 * its mirror session, from the source ENI's address, carrying a realistic mix (TCP with handshake
 * options, data, FIN, refusals, resets, retransmissions; HTTP, TLS with SNI, PostgreSQL, DNS with
 * compression, ICMP echo and errors, IPv6, a session that truncates packets) plus a Gateway Load
 * Balancer (Geneve) and an ERSPAN portion. {@link #gwlb} is a GWLB appliance's view: every packet
 * arrives in Geneve with the AWS options and goes back unchanged unless the appliance drops it.
 * {@link #bulk} writes any number of VXLAN-mirrored TCP packets fast and in constant memory.
 * Deterministic for a seed.
 */
public final class MirrorTrafficGenerator {
    /** 2026-11-02T09:00:00Z: where generated time starts. */
    public static final long START_NS = 1_793_610_000_000_000_000L;
    private static final int VXLAN_PORT = 4789;
    private static final int GENEVE_PORT = 6081;
    private static final int TARGET_IP = ip(10, 0, 200, 10);
    private static final long TARGET_MAC = 0x0a_00_00_c8_00_0aL;
    /** The VPC router: the other end of every frame an ENI sends or receives across subnets. */
    private static final long ROUTER_MAC = 0x0a_00_00_00_00_01L;
    private static final long INTERNET_MSS = 1460;
    /** Inside a VPC the MTU is 9001, so the MSS is 8961. */
    private static final long VPC_MSS = 8961;
    private static final int NONE = 0;
    private static final int BYTES = 1;
    private static final int TEXT = 2;
    private static final int TLS_DATA = 3;

    /** Where a conversation's packets are captured. */
    sealed interface Tap permits MirrorSession, GwlbAppliance, ErspanSession {
    }

    /**
     * A Traffic Mirror session: the source ENI (its addresses and MAC), the session's VNI, the packet
     * length it copies (0 for whole packets), and the GWLB appliance behind a GWLB endpoint target
     * (null for an ENI target, {@link #TARGET_IP}).
     */
    record MirrorSession(String eni, int vni, int ip, long ip6Hi, long ip6Lo, long mac, int packetLength,
                         GwlbAppliance via) implements Tap {
        boolean owns(boolean v6, long hi, long lo) {
            return v6 ? ip6Hi != 0 && hi == ip6Hi && lo == ip6Lo : hi == 0 && (int) lo == ip;
        }
    }

    /**
     * A Gateway Load Balancer appliance: packets arrive from the GWLB node in Geneve with the endpoint
     * and attachment IDs of the GWLB endpoint they came through, and go back unchanged.
     */
    record GwlbAppliance(int gwlbIp, int applianceIp, long applianceMac, long endpointId, long attachmentId)
            implements Tap {
    }

    /** A switch port mirrored with ERSPAN type II (GRE with sequence numbers) to a collector. */
    record ErspanSession(int switchIp, int collectorIp, long switchMac, long collectorMac, int sessionId, int vlan,
                         int port) implements Tap {
    }

    private static final long WEB6 = 0x2001_0db8_0001_0000L;
    static final MirrorSession WEB = new MirrorSession("eni-0a1b2c3d4e5f60001", 101, ip(10, 0, 1, 10), WEB6, 0x10,
            0x0a_1b_2c_01_00_10L, 0, null);
    static final MirrorSession DB = new MirrorSession("eni-0a1b2c3d4e5f60002", 102, ip(10, 0, 2, 20), 0, 0,
            0x0a_1b_2c_02_00_20L, 0, null);
    static final MirrorSession BASTION = new MirrorSession("eni-0a1b2c3d4e5f60003", 103, ip(10, 0, 1, 30), 0, 0,
            0x0a_1b_2c_01_00_30L, 0, null);
    /** A session that copies only the first 128 bytes after the VXLAN header, as a cost-conscious setup does. */
    static final MirrorSession APP = new MirrorSession("eni-0a1b2c3d4e5f60004", 104, ip(10, 0, 3, 40), 0, 0,
            0x0a_1b_2c_03_00_40L, 128, null);
    static final GwlbAppliance GWLB_A = new GwlbAppliance(ip(10, 0, 100, 5), ip(10, 0, 200, 50),
            0x0a_00_00_c8_00_32L, 0x0b8e_61e5_f3a1_c4d2L, 0x7a8b_9c0d_1e2f_3001L);
    static final GwlbAppliance GWLB_B = new GwlbAppliance(ip(10, 0, 100, 6), ip(10, 0, 200, 50),
            0x0a_00_00_c8_00_32L, 0x0c41_7d20_9b3e_58afL, 0x7a8b_9c0d_1e2f_3002L);
    /** The web server's ENI mirrored to a GWLB endpoint: the appliance sees VXLAN inside Geneve. */
    static final MirrorSession WEB_TO_GWLBE = new MirrorSession("eni-0a1b2c3d4e5f60001", 201, ip(10, 0, 1, 10),
            WEB6, 0x10, 0x0a_1b_2c_01_00_10L, 0, GWLB_A);
    private static final int GWLBE_IP = ip(10, 0, 150, 7);
    static final ErspanSession SWITCH = new ErspanSession(ip(10, 0, 50, 1), ip(10, 0, 50, 2), 0x0a_00_00_32_00_01L,
            0x0a_00_00_32_00_02L, 7, 30, 2);

    private final CaptureWriter out;
    /** The same writer when it can hold per-packet comments (pcapng), else null. */
    private final PcapngWriter commented;
    private final SplittableRandom random;
    private final FrameBuilder f = new FrameBuilder();
    private final byte[] synOptions = new byte[20];
    private final byte[] tsOptions = new byte[12];
    private final byte[] sackOptions = new byte[24];
    private long now = START_NS;
    private long written;
    private int ipId;
    private long greSequence;
    /** The inner packet being delivered: its addresses, for directions, MACs and tunnel source ports. */
    private boolean pktV6;
    private long pktSrcHi, pktSrcLo, pktDstHi, pktDstLo;
    private int pktHash;

    public MirrorTrafficGenerator(CaptureWriter out, long seed) {
        this.out = out;
        this.commented = out instanceof PcapngWriter ng ? ng : null;
        this.random = new SplittableRandom(seed);
    }

    public long packetsWritten() {
        return written;
    }

    /** {@code rounds} rounds of the mirror target's mix, each with fresh ports, addresses and sequence numbers. */
    public void sample(int rounds) throws IOException {
        rounds(this::sampleRound, rounds, 0);
    }

    /** Whole rounds of the mirror target's mix until at least {@code packets} packets are written. */
    public void sampleAtLeast(long packets) throws IOException {
        rounds(this::sampleRound, 0, packets);
    }

    /** {@code rounds} rounds of a GWLB appliance's view. */
    public void gwlb(int rounds) throws IOException {
        rounds(this::gwlbRound, rounds, 0);
    }

    /** Whole rounds of a GWLB appliance's view until at least {@code packets} packets are written. */
    public void gwlbAtLeast(long packets) throws IOException {
        rounds(this::gwlbRound, 0, packets);
    }

    private interface Round {
        void write(int r) throws IOException;
    }

    private void rounds(Round round, int rounds, long atLeast) throws IOException {
        for (int r = 0; r < rounds || written < atLeast; r++) {
            round.write(r);
        }
    }

    private void sampleRound(int r) throws IOException {
        Tap[] web = {WEB};
        http(web, ip(203, 0, 113, 10 + random.nextInt(200)), WEB.ip(), r);
        pause();
        tlsWithFastRetransmit(web, ip(198, 51, 100, 7 + r % 50), WEB.ip(), r % 3 == 0 ? "shop.example.com"
                : "api.example.com");
        pause();
        postgres(new Tap[] {WEB, DB});
        pause();
        dns(WEB, r);
        pause();
        // A scanner: one source port, three refused connections.
        int scanPort = ephemeral();
        for (int port : new int[] {23, 3389, 8080}) {
            tcp4(web, ip(192, 0, 2, 66), WEB.ip(), scanPort, port, ms(30, 40), INTERNET_MSS, 49).refused(
                    "no listener on port " + port + ": the server answers the SYN with RST/ACK");
        }
        pause();
        sshReset(new Tap[] {BASTION, DB});
        pause();
        ping(web, BASTION.ip(), WEB.ip(), r, 2);
        portUnreachable(r);
        pause();
        ipv6WithTimeout(r);
        pause();
        icmp6Echo(r);
        pause();
        truncatedDownload(r);
        pause();
        gwlbHttp(GWLB_A, r);
        pause();
        ping(new Tap[] {SWITCH}, ip(172, 16, 5, 21), ip(172, 16, 5, 40), r + 1000, 2);
        now += 250_000_000L + random.nextLong(500_000_000L);
    }

    private void gwlbRound(int r) throws IOException {
        gwlbHttp(GWLB_A, r);
        pause();
        Tcp v6 = tcp6(new Tap[] {GWLB_B}, 0x2001_0db8_0005_0000L, 0x1000L + r, WEB6, 0x10, ephemeral(), 443,
                ms(40, 70), INTERNET_MSS, 52);
        v6.handshake();
        v6.data(true, ApplicationPayloads.clientHello("app.example.org", random), null);
        v6.data(false, ApplicationPayloads.serverFlight(1200, random), null);
        v6.data(true, ApplicationPayloads.clientFinishedAndRequest(90, random), null);
        v6.tls(false, 640);
        v6.ack(true);
        v6.close(true);
        pause();
        Tap[] a = {GWLB_A};
        int resolver = ip(198, 51, 100, 53);
        int port = ephemeral();
        int id = random.nextInt(65_536);
        udp4(a, WEB.ip(), resolver, port, 53, ApplicationPayloads.dns(id, "example.org", ApplicationPayloads.DNS_A,
                false));
        now += ms(5, 20);
        udp4(a, resolver, WEB.ip(), 53, port, ApplicationPayloads.dns(id, "example.org", ApplicationPayloads.DNS_A,
                true));
        pause();
        ping(a, ip(203, 0, 113, 99), WEB.ip(), r, 2);
        pause();
        // The appliance's policy blocks RDP from the internet: the SYN and its retries never come back.
        Tcp rdp = tcp4(a, ip(192, 0, 2, 66), WEB.ip(), ephemeral(), 3389, ms(30, 40), INTERNET_MSS, 49);
        rdp.dropped = true;
        long isn = rdp.cSeq;
        for (int attempt = 0; attempt < 3; attempt++) {
            rdp.cSeq = isn;
            rdp.syn(attempt == 0 ? "dropped by the appliance: no copy goes back to the GWLB"
                    : "SYN retransmitted after " + (1 << (attempt - 1)) + " s");
            now += (1_000_000_000L << attempt);
        }
        pause();
        // Mirror copies of the web server's traffic delivered through a GWLB endpoint.
        Tcp mirrored = tcp4(new Tap[] {WEB_TO_GWLBE}, ip(203, 0, 113, 40 + r % 100), WEB.ip(), ephemeral(), 80,
                ms(15, 25), INTERNET_MSS, 50);
        mirrored.handshake("mirror session VNI 201 targets a GWLB endpoint: VXLAN inside Geneve");
        mirrored.data(true, ascii("GET /health HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), null);
        mirrored.data(false, ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), null);
        mirrored.close(true);
        now += 250_000_000L + random.nextLong(500_000_000L);
    }

    private void http(Tap[] taps, int client, int server, int r) throws IOException {
        Tcp t = tcp4(taps, client, server, ephemeral(), 80, ms(18, 30), INTERNET_MSS, 47 + random.nextInt(10));
        t.handshake();
        t.data(true, ascii("GET /catalog?page=" + (r + 1) + " HTTP/1.1\r\nHost: www.example.com\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
                + "Accept: text/html\r\nAccept-Encoding: gzip, deflate\r\n\r\n"), null);
        now += ms(2, 8);
        t.ack(false);
        byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 2800\r\n"
                + "Cache-Control: max-age=60\r\n\r\n");
        t.data(false, head, null);
        t.text(false, 1400);
        t.text(false, 1400);
        t.ack(true);
        t.close(true);
    }

    /** TLS whose second server segment is lost beyond the mirror: three duplicate ACKs with SACK, a fast retransmit. */
    private void tlsWithFastRetransmit(Tap[] taps, int client, int server, String sni) throws IOException {
        Tcp t = tcp4(taps, client, server, ephemeral(), 443, ms(40, 90), INTERNET_MSS, 45 + random.nextInt(10));
        t.handshake();
        t.data(true, ApplicationPayloads.clientHello(sni, random), null);
        t.data(false, ApplicationPayloads.serverFlight(1400, random), null);
        t.data(true, ApplicationPayloads.clientFinishedAndRequest(180 + random.nextInt(120), random), null);
        now += ms(3, 10);
        long[] starts = new long[5];
        for (int i = 0; i < 5; i++) {
            starts[i] = t.sSeq;
            t.tls(false, 1400);
        }
        long lost = starts[1];
        t.ack(true, starts[1], 0, 0, null);
        for (int i = 2; i < 5; i++) {
            t.ack(true, starts[1], starts[2], starts[i] + 1400, i == 2 ? "a segment was lost after the mirror "
                    + "point: duplicate ACKs carry SACK blocks" : null);
        }
        t.retransmit(false, lost, TLS_DATA, 1400, "fast retransmission after three duplicate ACKs");
        t.ack(true);
        t.tls(true, 80);
        t.close(false);
    }

    /** The web tier queries the database; both ENIs are mirrored, so every packet is seen twice. */
    private void postgres(Tap[] taps) throws IOException {
        Tcp t = tcp4(taps, WEB.ip(), DB.ip(), ephemeral(), 5432, us(300, 900), VPC_MSS, 64);
        t.handshake();
        String[] tables = {"orders", "customers", "inventory"};
        for (String table : tables) {
            t.data(true, ApplicationPayloads.pgQuery("SELECT payload FROM " + table + " WHERE id > "
                    + random.nextInt(100_000) + " LIMIT 20"), null);
            now += us(200, 2_000);
            t.data(false, ApplicationPayloads.pgResult("payload", 1 + random.nextInt(20), 24 + random.nextInt(40)),
                    null);
            t.ack(true);
            now += ms(0, 5);
        }
        t.close(true);
    }

    /** SSH from the bastion to the database, reset by the client mid-stream. */
    private void sshReset(Tap[] taps) throws IOException {
        Tcp t = tcp4(taps, BASTION.ip(), DB.ip(), ephemeral(), 22, us(300, 900), VPC_MSS, 64);
        t.handshake();
        t.data(false, ascii("SSH-2.0-OpenSSH_9.6\r\n"), null);
        t.data(true, ascii("SSH-2.0-OpenSSH_9.3\r\n"), null);
        t.text(true, 600);
        t.text(false, 700);
        t.reset(true, "the client aborts the session mid-stream");
    }

    private void dns(MirrorSession m, int r) throws IOException {
        Tap[] taps = {m};
        int resolver = ip(10, 0, 0, 2);
        String name = r % 2 == 0 ? "api.example.com" : "static.example.com";
        int qtype = r % 4 == 3 ? ApplicationPayloads.DNS_AAAA : ApplicationPayloads.DNS_A;
        int port = ephemeral();
        int id = random.nextInt(65_536);
        udp4(taps, m.ip(), resolver, port, 53, ApplicationPayloads.dns(id, name, qtype, false));
        now += us(400, 2_000);
        udp4(taps, resolver, m.ip(), 53, port, ApplicationPayloads.dns(id, name, qtype, true));
    }

    /** An SNMP probe to the database, which answers with ICMP port unreachable quoting the whole datagram. */
    private void portUnreachable(int r) throws IOException {
        int sport = ephemeral();
        f.begin().payload(ApplicationPayloads.snmpGetSysDescr(random.nextInt())).udp(sport, 161, true);
        inner4(WEB.ip(), DB.ip(), FrameBuilder.UDP, 64);
        byte[] probe = java.util.Arrays.copyOfRange(f.buf, f.start, f.end);
        deliver(new Tap[] {WEB, DB}, sport ^ 161, false, null, us(40, 90));
        now += us(40, 200);
        f.begin().payload(probe).icmp(3, 3, 0);
        inner4(DB.ip(), WEB.ip(), FrameBuilder.ICMP, 64);
        deliver(new Tap[] {WEB, DB}, sport ^ 161, false, r == 0 ? "ICMP port unreachable quoting the SNMP probe"
                : null, us(40, 90));
    }

    /** IPv6: the web server calls an external API over TLS; its request is retransmitted after a timeout. */
    private void ipv6WithTimeout(int r) throws IOException {
        long rtt = ms(60, 80);
        Tcp t = tcp6(new Tap[] {WEB}, WEB6, 0x10, 0x2600_1f18_abcd_0000L, 0x45L, ephemeral(), 443, rtt, INTERNET_MSS,
                64);
        t.handshake();
        t.data(true, ApplicationPayloads.clientHello("updates.example.net", random), null);
        t.data(false, ApplicationPayloads.serverFlight(1100, random), null);
        long request = t.cSeq;
        byte[] finished = ApplicationPayloads.clientFinishedAndRequest(220, random);
        t.data(true, finished, null);
        now += 200_000_000L + rtt;
        t.cSeq = request;
        t.data(true, finished, r == 0 ? "retransmission after a timeout: the first copy was lost beyond the mirror"
                : null);
        t.tls(false, 1300);
        t.ack(true);
        t.close(true);
    }

    private void icmp6Echo(int r) throws IOException {
        long peerHi = 0x2001_0db8_0002_0000L;
        int ident = 0x77 << 8 | r & 0xFF;
        for (int seq = 1; seq <= 2; seq++) {
            f.begin().payload(ApplicationPayloads.ping(now)).icmp6(128, 0, ident << 16 | seq);
            inner6(peerHi, 0x99, WEB6, 0x10, FrameBuilder.ICMPV6, 64);
            deliver(new Tap[] {WEB}, 0, false, null, 0);
            now += us(200, 900);
            f.begin().payload(ApplicationPayloads.ping(now)).icmp6(129, 0, ident << 16 | seq);
            inner6(WEB6, 0x10, peerHi, 0x99, FrameBuilder.ICMPV6, 64);
            deliver(new Tap[] {WEB}, 0, false, null, 0);
            now += ms(900, 1100);
        }
    }

    /** A download mirrored by a session that copies 128 bytes of each packet: big segments arrive cut short. */
    private void truncatedDownload(int r) throws IOException {
        Tcp t = tcp4(new Tap[] {APP}, APP.ip(), ip(52, 216, 10, 20 + r % 200), ephemeral(), 443, ms(1, 3),
                INTERNET_MSS, 64);
        t.handshake("mirror session VNI 104 copies only 128 bytes after the VXLAN header");
        t.data(true, ApplicationPayloads.clientHello("mirrorscope-artifacts.s3.us-east-1.amazonaws.com", random),
                null);
        t.data(false, ApplicationPayloads.serverFlight(1400, random), null);
        t.data(true, ApplicationPayloads.clientFinishedAndRequest(160, random), null);
        for (int i = 0; i < 8; i++) {
            t.tls(false, 1448);
            if (i % 2 == 1) {
                t.ack(true);
            }
        }
        t.close(false);
    }

    /** A web request through a GWLB: every packet arrives in Geneve and goes back to the GWLB. */
    private void gwlbHttp(GwlbAppliance g, int r) throws IOException {
        Tcp t = tcp4(new Tap[] {g}, ip(203, 0, 113, 80 + r % 100), WEB.ip(), ephemeral(), 80, ms(10, 25),
                INTERNET_MSS, 51);
        t.handshake(r == 0 ? "through the Gateway Load Balancer: Geneve in, Geneve back" : null);
        t.data(true, ascii("GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nAccept: */*\r\n\r\n"), null);
        t.ack(false);
        t.data(false, ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1200\r\n\r\n"), null);
        t.text(false, 1200);
        t.ack(true);
        t.close(true);
    }

    private void ping(Tap[] taps, int src, int dst, int r, int count) throws IOException {
        int ident = 0x1c00 | r & 0xFF;
        for (int seq = 1; seq <= count; seq++) {
            f.begin().payload(ApplicationPayloads.ping(now)).icmp(8, 0, ident << 16 | seq);
            inner4(src, dst, FrameBuilder.ICMP, 64);
            deliver(taps, 0, false, null, 0);
            now += us(150, 900);
            f.begin().payload(ApplicationPayloads.ping(now)).icmp(0, 0, ident << 16 | seq);
            inner4(dst, src, FrameBuilder.ICMP, 64);
            deliver(taps, 0, false, null, 0);
            now += ms(900, 1100);
        }
    }

    private void udp4(Tap[] taps, int src, int dst, int sport, int dport, byte[] payload) throws IOException {
        f.begin().payload(payload).udp(sport, dport, true);
        inner4(src, dst, FrameBuilder.UDP, 64);
        deliver(taps, sport ^ dport, false, null, us(40, 90));
        now += 1_000;
    }

    /**
     * {@code packets} packets of VXLAN-mirrored TCP: many concurrent conversations across three mirror
     * sessions, each with a handshake, request and response segments and a FIN close. Frames average
     * about 434 bytes, so a million packets make a capture of about 434 MB. Nothing is allocated per packet.
     */
    public void bulk(long packets) throws IOException {
        int concurrent = 256;
        List<BulkFlow> active = new ArrayList<>(concurrent);
        MirrorSession[] sessions = {WEB, DB, BASTION};
        long flowNo = 0;
        while (written < packets) {
            while (active.size() < concurrent) {
                active.add(new BulkFlow(sessions[(int) (flowNo % 3)], flowNo++));
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
        private static final int[] PORTS = {443, 80, 5432, 6379, 8443, 22};
        final Tcp tcp;
        final boolean tls;
        final int exchanges;
        int stage;

        BulkFlow(MirrorSession m, long n) {
            int client = ip(10, 16 + (int) (n % 8), (int) ((n >>> 3) & 0xFF), 1 + (int) ((n >>> 11) % 254));
            tcp = new Tcp(new Tap[] {m}, false, 0, client & 0xFFFF_FFFFL, 0, m.ip() & 0xFFFF_FFFFL,
                    1024 + (int) ((n * 7919) % 64_000), PORTS[(int) (n % 6)], 0, VPC_MSS, 64);
            tcp.paced = false;
            tls = tcp.sPort == 443 || tcp.sPort == 8443;
            exchanges = 1 + random.nextInt(12);
        }

        /** Sends this flow's next packet; true when the flow has finished. */
        boolean step() throws IOException {
            int s = stage++;
            if (s == 0) {
                tcp.syn(null);
            } else if (s == 1) {
                tcp.synAck(null);
            } else if (s == 2) {
                tcp.ack(true);
            } else if (s < 3 + exchanges * 3) {
                int k = (s - 3) % 3;
                if (k < 2) {
                    boolean request = k == 0;
                    int len = request ? 60 + random.nextInt(500) : 300 + random.nextInt(1_150);
                    if (tls) {
                        tcp.tls(request, len);
                    } else {
                        tcp.text(request, len);
                    }
                } else {
                    tcp.ack(true);
                }
            } else {
                int k = s - 3 - exchanges * 3;
                if (k == 0) {
                    tcp.fin(true, null);
                } else if (k == 1) {
                    tcp.fin(false, null);
                } else {
                    tcp.ack(true);
                    return true;
                }
            }
            return false;
        }
    }

    private Tcp tcp4(Tap[] taps, int client, int server, int cPort, int sPort, long rttNs, long mss, int clientTtl) {
        return new Tcp(taps, false, 0, client & 0xFFFF_FFFFL, 0, server & 0xFFFF_FFFFL, cPort, sPort, rttNs, mss,
                clientTtl);
    }

    private Tcp tcp6(Tap[] taps, long cHi, long cLo, long sHi, long sLo, int cPort, int sPort, long rttNs, long mss,
                     int clientHops) {
        return new Tcp(taps, true, cHi, cLo, sHi, sLo, cPort, sPort, rttNs, mss, clientHops);
    }

    /**
     * A TCP conversation seen at its taps. The clock follows where the taps are: at the server's ENI a
     * reply from the server comes right away and the client's next packet one round trip later; at the
     * client's ENI the other way round; in the middle (GWLB, ERSPAN) half each; with both ENIs mirrored,
     * each packet is seen first where it leaves and half a round trip later where it arrives.
     */
    private final class Tcp {
        final Tap[] taps;
        final boolean v6;
        final long cHi, cLo, sHi, sLo;
        final int cPort, sPort;
        final int mss;
        final int cTtl;
        final long clientTravel, serverTravel, copyGap;
        final long cTsBase, sTsBase;
        long cSeq, sSeq;
        long cTsVal, sTsVal;
        /** False in bulk mode, where the caller moves the clock between interleaved conversations. */
        boolean paced = true;
        /** True when a GWLB appliance drops this conversation: nothing goes back. */
        boolean dropped;
        private boolean started;
        private boolean lastFromClient;
        /** The SACK block of the next segment (none when the right edge is 0), and whether it has no options. */
        private long sackLeft, sackRight;
        private boolean bare;

        Tcp(Tap[] taps, boolean v6, long cHi, long cLo, long sHi, long sLo, int cPort, int sPort, long rttNs, long mss,
            int cTtl) {
            this.taps = taps;
            this.v6 = v6;
            this.cHi = cHi;
            this.cLo = cLo;
            this.sHi = sHi;
            this.sLo = sLo;
            this.cPort = cPort;
            this.sPort = sPort;
            this.mss = (int) mss;
            this.cTtl = cTtl;
            this.cSeq = random.nextLong(1L << 32);
            this.sSeq = random.nextLong(1L << 32);
            this.cTsBase = random.nextLong(1L << 32);
            this.sTsBase = random.nextLong(1L << 32);
            boolean atClient = mirrored(taps, v6, cHi, cLo);
            boolean atServer = mirrored(taps, v6, sHi, sLo);
            if (atClient && atServer) {
                clientTravel = serverTravel = 0;
                copyGap = rttNs / 2;
            } else if (atServer || atClient) {
                clientTravel = atServer ? rttNs : 0;
                serverTravel = atServer ? 0 : rttNs;
                copyGap = 0;
            } else {
                clientTravel = serverTravel = rttNs / 2;
                copyGap = 0;
            }
        }

        void handshake() throws IOException {
            handshake(null);
        }

        void handshake(String comment) throws IOException {
            syn(comment);
            synAck(null);
            ack(true);
        }

        void syn(String comment) throws IOException {
            send(true, 0x02, cSeq, 0, NONE, null, 0, comment);
            cSeq++;
        }

        void synAck(String comment) throws IOException {
            send(false, 0x12, sSeq, cSeq, NONE, null, 0, comment);
            sSeq++;
        }

        void data(boolean fromClient, byte[] payload, String comment) throws IOException {
            segment(fromClient, BYTES, payload, payload.length, comment);
        }

        void text(boolean fromClient, int len) throws IOException {
            segment(fromClient, TEXT, null, len, null);
        }

        /** One TLS application-data record of {@code len} bytes in a segment of its own. */
        void tls(boolean fromClient, int len) throws IOException {
            segment(fromClient, TLS_DATA, null, len, null);
        }

        private void segment(boolean fromClient, int kind, byte[] bytes, int len, String comment) throws IOException {
            if (fromClient) {
                send(true, 0x18, cSeq, sSeq, kind, bytes, len, comment);
                cSeq += len;
            } else {
                send(false, 0x18, sSeq, cSeq, kind, bytes, len, comment);
                sSeq += len;
            }
        }

        void ack(boolean fromClient) throws IOException {
            send(fromClient, 0x10, fromClient ? cSeq : sSeq, fromClient ? sSeq : cSeq, NONE, null, 0, null);
        }

        /** An ACK of {@code ack}, with one SACK block when {@code sackRight} is not 0. */
        void ack(boolean fromClient, long ack, long sackLeft, long sackRight, String comment) throws IOException {
            this.sackLeft = sackLeft;
            this.sackRight = sackRight;
            send(fromClient, 0x10, fromClient ? cSeq : sSeq, ack, NONE, null, 0, comment);
            this.sackRight = 0;
        }

        /** A data segment sent again with its original sequence number and bytes. */
        void retransmit(boolean fromClient, long seq, int kind, int len, String comment) throws IOException {
            send(fromClient, 0x18, seq, fromClient ? sSeq : cSeq, kind, null, len, comment);
        }

        void fin(boolean fromClient, String comment) throws IOException {
            if (fromClient) {
                send(true, 0x11, cSeq, sSeq, NONE, null, 0, comment);
                cSeq++;
            } else {
                send(false, 0x11, sSeq, cSeq, NONE, null, 0, comment);
                sSeq++;
            }
        }

        void close(boolean clientFirst) throws IOException {
            fin(clientFirst, null);
            fin(!clientFirst, null);
            ack(clientFirst);
        }

        void reset(boolean fromClient, String comment) throws IOException {
            send(fromClient, 0x14, fromClient ? cSeq : sSeq, fromClient ? sSeq : cSeq, NONE, null, 0, comment);
        }

        /** SYN answered by RST/ACK: nothing listens on the port. */
        void refused(String comment) throws IOException {
            syn(null);
            bare = true;
            send(false, 0x14, 0, cSeq, NONE, null, 0, comment);
            bare = false;
        }

        private void send(boolean fromClient, int flags, long seq, long ack, int kind, byte[] bytes, int len,
                          String comment) throws IOException {
            if (paced) {
                if (started && fromClient != lastFromClient) {
                    now += us(20, 120) + (fromClient ? clientTravel : serverTravel);
                } else {
                    now += 1_000 + random.nextInt(4_000);
                }
            }
            started = true;
            lastFromClient = fromClient;
            f.begin();
            int seed = (int) seq;
            switch (kind) {
                case BYTES -> f.payload(bytes);
                case TEXT -> f.filler(len, seed);
                case TLS_DATA -> f.tlsRecord(23, len, seed);
                default -> {
                }
            }
            boolean syn = (flags & 0x02) != 0;
            int window = syn ? (fromClient ? 64_240 : 65_160) : (fromClient ? 502 : 501);
            f.tcp(fromClient ? cPort : sPort, fromClient ? sPort : cPort, seq & 0xFFFF_FFFFL, ack & 0xFFFF_FFFFL,
                    flags, bare ? 0 : window, bare ? null : options(fromClient, syn));
            int ttl = fromClient ? cTtl : 64;
            if (v6) {
                inner6(fromClient ? cHi : sHi, fromClient ? cLo : sLo, fromClient ? sHi : cHi, fromClient ? sLo : cLo,
                        FrameBuilder.TCP, ttl);
            } else {
                inner4((int) (fromClient ? cLo : sLo), (int) (fromClient ? sLo : cLo), FrameBuilder.TCP, ttl);
            }
            deliver(taps, cPort ^ sPort, dropped, comment, copyGap);
        }

        /** Linux's options: MSS, SACK permitted, timestamps, window scale 7 on SYNs; timestamps (and SACK) after. */
        private byte[] options(boolean fromClient, boolean syn) {
            long tsVal = ((fromClient ? cTsBase : sTsBase) + (now - START_NS) / 1_000_000) & 0xFFFF_FFFFL;
            long tsEcr = fromClient ? sTsVal : cTsVal;
            if (fromClient) {
                cTsVal = tsVal;
            } else {
                sTsVal = tsVal;
            }
            if (syn) {
                byte[] o = synOptions;
                o[0] = 2;
                o[1] = 4;
                o[2] = (byte) (mss >>> 8);
                o[3] = (byte) mss;
                o[4] = 4;
                o[5] = 2;
                timestamps(o, 6, tsVal, tsEcr);
                o[16] = 1;
                o[17] = 3;
                o[18] = 3;
                o[19] = 7;
                return o;
            }
            byte[] o = sackRight != 0 ? sackOptions : tsOptions;
            o[0] = 1;
            o[1] = 1;
            timestamps(o, 2, tsVal, tsEcr);
            if (sackRight != 0) {
                o[12] = 1;
                o[13] = 1;
                o[14] = 5;
                o[15] = 10;
                put32(o, 16, sackLeft);
                put32(o, 20, sackRight);
            }
            return o;
        }
    }

    private static void timestamps(byte[] o, int at, long tsVal, long tsEcr) {
        o[at] = 8;
        o[at + 1] = 10;
        put32(o, at + 2, tsVal);
        put32(o, at + 6, tsEcr);
    }

    private static void put32(byte[] o, int at, long v) {
        o[at] = (byte) (v >>> 24);
        o[at + 1] = (byte) (v >>> 16);
        o[at + 2] = (byte) (v >>> 8);
        o[at + 3] = (byte) v;
    }

    private static boolean mirrored(Tap[] taps, boolean v6, long hi, long lo) {
        for (Tap t : taps) {
            if (t instanceof MirrorSession m && m.owns(v6, hi, lo)) {
                return true;
            }
        }
        return false;
    }

    private void inner4(int src, int dst, int proto, int ttl) {
        f.ip4(src, dst, proto, ttl, nextId());
        pktV6 = false;
        pktSrcHi = pktDstHi = 0;
        pktSrcLo = src & 0xFFFF_FFFFL;
        pktDstLo = dst & 0xFFFF_FFFFL;
    }

    private void inner6(long srcHi, long srcLo, long dstHi, long dstLo, int next, int hopLimit) {
        f.ip6(srcHi, srcLo, dstHi, dstLo, next, hopLimit);
        pktV6 = true;
        pktSrcHi = srcHi;
        pktSrcLo = srcLo;
        pktDstHi = dstHi;
        pktDstLo = dstLo;
    }

    /**
     * Wraps the inner IP packet just built once per tap and writes each copy: copies leaving a mirrored
     * ENI first, then the others, {@code copyGapNs} apart. The comment goes on the first copy.
     */
    private void deliver(Tap[] taps, int flowEntropy, boolean dropped, String comment, long copyGapNs)
            throws IOException {
        long hi = pktSrcHi ^ pktDstHi;
        long lo = pktSrcLo ^ pktDstLo;
        int h = (int) (hi ^ hi >>> 32 ^ lo ^ lo >>> 32) ^ flowEntropy * 0x9E37_79B9;
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        pktHash = h ^ h >>> 13;
        long inner = f.mark();
        boolean first = true;
        for (int pass = 0; pass < 2; pass++) {
            for (Tap t : taps) {
                boolean leaving = t instanceof MirrorSession m && m.owns(pktV6, pktSrcHi, pktSrcLo);
                if (leaving != (pass == 0)) {
                    continue;
                }
                if (!first) {
                    now += copyGapNs;
                }
                f.restore(inner);
                wrap(t, dropped, first ? comment : null);
                first = false;
            }
        }
    }

    private void wrap(Tap tap, boolean dropped, String comment) throws IOException {
        if (tap instanceof MirrorSession m) {
            boolean arriving = m.owns(pktV6, pktDstHi, pktDstLo);
            f.ethernet(arriving ? m.mac() : ROUTER_MAC, arriving ? ROUTER_MAC : m.mac(), pktV6 ? 0x86DD : 0x0800);
            if (m.packetLength() > 0) {
                f.truncate(m.packetLength());
            }
            f.vxlan(m.vni()).udp(sourcePort(0), VXLAN_PORT, false);
            if (m.via() == null) {
                f.ip4(m.ip(), TARGET_IP, FrameBuilder.UDP, 64, nextId()).ethernet(TARGET_MAC, ROUTER_MAC, 0x0800);
                emit(comment);
            } else {
                f.ip4(m.ip(), GWLBE_IP, FrameBuilder.UDP, 64, nextId());
                GwlbAppliance g = m.via();
                f.geneveGwlb(0, 0x0800, g.endpointId(), g.attachmentId(), pktHash);
                f.udp(sourcePort(1), GENEVE_PORT, false).ip4(g.gwlbIp(), g.applianceIp(), FrameBuilder.UDP, 64,
                        nextId()).ethernet(g.applianceMac(), ROUTER_MAC, 0x0800);
                emit(comment);
            }
        } else if (tap instanceof GwlbAppliance g) {
            f.geneveGwlb(0, pktV6 ? 0x86DD : 0x0800, g.endpointId(), g.attachmentId(), pktHash);
            long geneve = f.mark();
            int sport = sourcePort(1);
            f.udp(sport, GENEVE_PORT, false).ip4(g.gwlbIp(), g.applianceIp(), FrameBuilder.UDP, 64, nextId())
                    .ethernet(g.applianceMac(), ROUTER_MAC, 0x0800);
            emit(comment);
            if (!dropped) {
                // The appliance swaps the outer addresses and keeps the ports and the Geneve header.
                now += us(15, 60);
                f.restore(geneve).udp(sport, GENEVE_PORT, false).ip4(g.applianceIp(), g.gwlbIp(), FrameBuilder.UDP,
                        64, nextId()).ethernet(ROUTER_MAC, g.applianceMac(), 0x0800);
                emit(null);
            }
        } else if (tap instanceof ErspanSession e) {
            f.ethernet(hostMac(pktDstLo), hostMac(pktSrcLo), pktV6 ? 0x86DD : 0x0800);
            f.greErspan2(greSequence++, e.sessionId(), e.vlan(), e.port());
            f.ip4(e.switchIp(), e.collectorIp(), 47, 255, nextId()).ethernet(e.collectorMac(), e.switchMac(), 0x0800);
            emit(comment);
        }
    }

    /** A tunnel's UDP source port: from the inner flow's hash, as encapsulating hosts spread flows. */
    private int sourcePort(int salt) {
        return 49_152 + ((pktHash >>> (salt * 7)) & 0x3FFF);
    }

    private static long hostMac(long address) {
        return 0x00_1b_54_00_00_00L | (address & 0xFFFF);
    }

    private void emit(String comment) throws IOException {
        int len = f.length();
        if (comment != null && commented != null) {
            commented.write(0, now, f.buf, f.start, len, len, comment);
        } else {
            out.write(now, f.buf, f.start, len, len);
        }
        written++;
    }

    private int nextId() {
        ipId = (ipId + 1) & 0xFFFF;
        return ipId;
    }

    private void pause() {
        now += ms(1, 20);
    }

    private int ephemeral() {
        return 32_768 + random.nextInt(28_000);
    }

    private long ms(int lo, int hi) {
        return lo * 1_000_000L + random.nextLong(Math.max(1, (hi - lo) * 1_000_000L));
    }

    private long us(int lo, int hi) {
        return lo * 1_000L + random.nextLong(Math.max(1, (hi - lo) * 1_000L));
    }

    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
