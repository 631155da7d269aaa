package dev.mirrorscope.engine.sample;

/**
 * Builds one frame from the inside out by prepending headers in front of the payload, with correct
 * IPv4 header checksums and TCP/UDP/ICMP checksums. One builder is reused for every frame.
 */
final class FrameBuilder {
    private static final int HEADROOM = 512;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;

    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz".repeat(64).getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] OPAQUE = new byte[1 << 16];

    static {
        new java.util.SplittableRandom(0x5eed).nextBytes(OPAQUE);
    }

    final byte[] buf = new byte[HEADROOM + 65_536];
    int start;
    int end;
    /** Start and protocol of the transport header whose checksum the next IP header completes. */
    private int l4Start = -1;
    private int l4Proto;
    private boolean l4Checksum;

    FrameBuilder begin() {
        start = end = HEADROOM;
        l4Start = -1;
        return this;
    }

    int length() {
        return end - start;
    }

    FrameBuilder payload(byte[] b, int off, int len) {
        System.arraycopy(b, off, buf, end, len);
        end += len;
        return this;
    }

    FrameBuilder payload(byte[] b) {
        return payload(b, 0, b.length);
    }

    /** Appends len filler bytes (printable, so Follow Stream shows something). */
    FrameBuilder filler(int len, int seed) {
        return cyclic(ALPHABET, Math.floorMod(seed, 26), len);
    }

    /** Appends len bytes that look like ciphertext: a window of a fixed pseudo-random block. */
    FrameBuilder opaque(int len, int seed) {
        return cyclic(OPAQUE, Math.floorMod(seed * 131, OPAQUE.length), len);
    }

    /** Appends len bytes of {@code source} from {@code from} on, starting over at its end. */
    private FrameBuilder cyclic(byte[] source, int from, int len) {
        for (int done = 0; done < len; ) {
            int n = Math.min(len - done, source.length - from);
            System.arraycopy(source, from, buf, end + done, n);
            done += n;
            from = 0;
        }
        end += len;
        return this;
    }

    /** Appends one TLS 1.2-framed record of {@code len} bytes in all (5 of them header) with opaque content. */
    FrameBuilder tlsRecord(int contentType, int len, int seed) {
        buf[end] = (byte) contentType;
        buf[end + 1] = 3;
        buf[end + 2] = 3;
        put16(end + 3, len - 5);
        end += 5;
        return opaque(len - 5, seed);
    }

    /** Cuts the frame built so far to its first {@code len} bytes, as a mirror session's packet length does. */
    FrameBuilder truncate(int len) {
        end = Math.min(end, start + len);
        return this;
    }

    /** Where the current frame starts and ends, to wrap the same inner packet again after {@link #restore}. */
    long mark() {
        return (long) start << 32 | end;
    }

    /** Goes back to a {@link #mark()}: headers prepended since then are dropped; the bytes after it are intact. */
    FrameBuilder restore(long mark) {
        start = (int) (mark >>> 32);
        end = (int) mark;
        l4Start = -1;
        return this;
    }

    private int prepend(int n) {
        start -= n;
        for (int i = start; i < start + n; i++) {
            buf[i] = 0;
        }
        return start;
    }

    FrameBuilder tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options) {
        int optLen = options == null ? 0 : options.length;
        int at = prepend(20 + optLen);
        put16(at, sport);
        put16(at + 2, dport);
        put32(at + 4, seq);
        put32(at + 8, ack);
        buf[at + 12] = (byte) (((20 + optLen) / 4) << 4);
        buf[at + 13] = (byte) flags;
        put16(at + 14, window);
        if (optLen > 0) {
            System.arraycopy(options, 0, buf, at + 20, optLen);
        }
        l4Start = at;
        l4Proto = TCP;
        l4Checksum = true;
        return this;
    }

    FrameBuilder udp(int sport, int dport, boolean checksum) {
        int at = prepend(8);
        put16(at, sport);
        put16(at + 2, dport);
        put16(at + 4, end - at);
        l4Start = at;
        l4Proto = UDP;
        l4Checksum = checksum;
        return this;
    }

    /** ICMP (v4) header; its checksum covers only itself and what follows. */
    FrameBuilder icmp(int type, int code, int rest) {
        int at = prepend(8);
        buf[at] = (byte) type;
        buf[at + 1] = (byte) code;
        put32(at + 4, rest & 0xFFFF_FFFFL);
        put16(at + 2, checksum(at, end - at, 0));
        l4Start = -1;
        return this;
    }

    FrameBuilder icmp6(int type, int code, int rest) {
        int at = prepend(8);
        buf[at] = (byte) type;
        buf[at + 1] = (byte) code;
        put32(at + 4, rest & 0xFFFF_FFFFL);
        l4Start = at;
        l4Proto = ICMPV6;
        l4Checksum = true;
        return this;
    }

    FrameBuilder ip4(int src, int dst, int proto, int ttl, int id) {
        int at = prepend(20);
        int total = end - at;
        buf[at] = 0x45;
        put16(at + 2, total);
        put16(at + 4, id);
        put16(at + 6, 0x4000);
        buf[at + 8] = (byte) ttl;
        buf[at + 9] = (byte) proto;
        put32(at + 12, src & 0xFFFF_FFFFL);
        put32(at + 16, dst & 0xFFFF_FFFFL);
        put16(at + 10, checksum(at, 20, 0));
        if (l4Start >= 0 && l4Checksum) {
            int len = end - l4Start;
            long pseudo = (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + proto + len;
            fillL4Checksum(len, pseudo);
        }
        l4Start = -1;
        return this;
    }

    FrameBuilder ip6(long srcHi, long srcLo, long dstHi, long dstLo, int next, int hopLimit) {
        int at = prepend(40);
        int payload = end - at - 40;
        put32(at, 0x6000_0000L);
        put16(at + 4, payload);
        buf[at + 6] = (byte) next;
        buf[at + 7] = (byte) hopLimit;
        put64(at + 8, srcHi);
        put64(at + 16, srcLo);
        put64(at + 24, dstHi);
        put64(at + 32, dstLo);
        if (l4Start >= 0 && l4Checksum) {
            int len = end - l4Start;
            long pseudo = 0;
            for (long v : new long[] {srcHi, srcLo, dstHi, dstLo}) {
                pseudo += (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
            }
            pseudo += len + next;
            fillL4Checksum(len, pseudo);
        }
        l4Start = -1;
        return this;
    }

    private void fillL4Checksum(int len, long pseudo) {
        int sumAt = l4Start + (l4Proto == TCP ? 16 : l4Proto == UDP ? 6 : 2);
        int c = checksum(l4Start, len, pseudo);
        put16(sumAt, l4Proto == UDP && c == 0 ? 0xFFFF : c);
    }

    FrameBuilder ethernet(long dstMac, long srcMac, int etherType) {
        int at = prepend(14);
        for (int i = 0; i < 6; i++) {
            buf[at + i] = (byte) (dstMac >>> (40 - 8 * i));
            buf[at + 6 + i] = (byte) (srcMac >>> (40 - 8 * i));
        }
        put16(at + 12, etherType);
        return this;
    }

    FrameBuilder vxlan(int vni) {
        int at = prepend(8);
        buf[at] = 0x08;
        put32(at + 4, (long) vni << 8);
        return this;
    }

    /**
     * Geneve as a Gateway Load Balancer sends it: the inner packet's protocol (0x0800 or 0x86DD, no
     * Ethernet), and the three AWS options (class 0x0108): endpoint ID, attachment ID, flow cookie.
     */
    FrameBuilder geneveGwlb(int vni, int protocol, long endpointId, long attachmentId, int flowCookie) {
        int opts = (4 + 8) + (4 + 8) + (4 + 4);
        int at = prepend(8 + opts);
        buf[at] = (byte) (opts / 4);
        put16(at + 2, protocol);
        put32(at + 4, (long) vni << 8);
        int p = at + 8;
        p = geneveOption(p, 1, 2);
        put64(p, endpointId);
        p += 8;
        p = geneveOption(p, 2, 2);
        put64(p, attachmentId);
        p += 8;
        p = geneveOption(p, 3, 1);
        put32(p, flowCookie & 0xFFFF_FFFFL);
        return this;
    }

    private int geneveOption(int p, int type, int words) {
        put16(p, 0x0108);
        buf[p + 2] = (byte) type;
        buf[p + 3] = (byte) words;
        return p + 4;
    }

    /** GRE with a sequence number carrying ERSPAN type II (0x88BE) and its 8-byte header. */
    FrameBuilder greErspan2(long sequence, int sessionId, int vlan, int index) {
        int at = prepend(8);
        put16(at, (1 << 12) | (vlan & 0x0FFF)); // version 1 (type II), VLAN
        put16(at + 2, sessionId & 0x03FF);
        put32(at + 4, index & 0x000F_FFFFL);
        at = prepend(8);
        put16(at, 0x1000); // S bit
        put16(at + 2, 0x88BE);
        put32(at + 4, sequence);
        return this;
    }

    void put16(int at, int v) {
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    void put32(int at, long v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    void put64(int at, long v) {
        put32(at, v >>> 32);
        put32(at + 4, v & 0xFFFF_FFFFL);
    }

    private int checksum(int at, int len, long initial) {
        long sum = initial;
        int i = at;
        for (; i + 1 < at + len; i += 2) {
            sum += ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
        }
        if (i < at + len) {
            sum += (buf[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
