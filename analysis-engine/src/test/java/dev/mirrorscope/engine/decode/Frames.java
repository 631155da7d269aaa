package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.LinkTypes;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds test frames header by header; lengths are filled in unless a test overrides them. */
final class Frames {
    static final long MAC_A = 0x0200_0000_0001L;
    static final long MAC_B = 0x0200_0000_0002L;

    private Frames() {
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] hex(String s) {
        s = s.replaceAll("\\s", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static byte[] u16(int v) {
        return bytes(v >>> 8, v);
    }

    static byte[] u32(long v) {
        return bytes((int) (v >>> 24), (int) (v >>> 16), (int) (v >>> 8), (int) v);
    }

    static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    static byte[] eth(int etherType, byte[] payload) {
        return eth(MAC_B, MAC_A, etherType, payload);
    }

    static byte[] eth(long dst, long src, int etherType, byte[] payload) {
        return cat(mac(dst), mac(src), u16(etherType), payload);
    }

    static byte[] mac(long m) {
        return bytes((int) (m >>> 40), (int) (m >>> 32), (int) (m >>> 24), (int) (m >>> 16), (int) (m >>> 8), (int) m);
    }

    /** An 802.1Q/802.1ad tag: TCI then the EtherType it carries. */
    static byte[] vlanTag(int vid, int innerType, byte[] payload) {
        return cat(u16(vid & 0x0FFF), u16(innerType), payload);
    }

    static Ipv4 ipv4(String src, String dst, int proto) {
        return new Ipv4(src, dst, proto);
    }

    static Ipv6 ipv6(String src, String dst, int next) {
        return new Ipv6(src, dst, next);
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return cat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
    }

    static byte[] udpWithLength(int sport, int dport, int length, byte[] payload) {
        return cat(u16(sport), u16(dport), u16(length), u16(0), payload);
    }

    static Tcp tcp(int sport, int dport) {
        return new Tcp(sport, dport);
    }

    static byte[] vxlan(int vni, byte[] inner) {
        return cat(bytes(0x08, 0, 0, 0), u32((long) vni << 8), inner);
    }

    static byte[] vxlanGpe(int vni, int nextProtocol, byte[] inner) {
        return cat(bytes(0x0C, 0, 0, nextProtocol), u32((long) vni << 8), inner);
    }

    /** NSH, MD type 2 without context headers (length 2 words). */
    static byte[] nsh(int nextProtocol, byte[] inner) {
        return cat(bytes(0x00, 0x02, 0x02, nextProtocol), u32(0x000001FFL), inner);
    }

    static byte[] geneve(int vni, int protocol, boolean critical, byte[] options, byte[] inner) {
        return cat(bytes(options.length / 4, critical ? 0x40 : 0), u16(protocol), u32((long) vni << 8), options, inner);
    }

    static byte[] geneveOption(int optionClass, int type, byte[] data) {
        return cat(u16(optionClass), bytes(type, data.length / 4), data);
    }

    static byte[] gre(int flags, int protocol, byte[] optional, byte[] payload) {
        return cat(u16(flags), u16(protocol), optional, payload);
    }

    /** A full VXLAN-mirrored frame, as AWS Traffic Mirroring sends it: Ethernet/IPv4/UDP 4789/VXLAN/inner frame. */
    static byte[] vxlanMirrored(int vni, byte[] innerFrame) {
        byte[] udp = udp(49152, 4789, vxlan(vni, innerFrame));
        return eth(0x0800, ipv4("172.16.0.1", "172.16.0.2", 17).payload(udp).build());
    }

    /** Inner frame: Ethernet/IPv4/TCP SYN with MSS, SACK-permitted, timestamps and window scale. */
    static byte[] tcpSynFrame() {
        byte[] tcp = tcp(51234, 443).flags(0x02).seq(1000).window(64240)
                .options(hex("020405b4 0402 080a 00000001 00000000 01 030307")).build();
        return eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).payload(tcp).build());
    }

    static DecodedPacket decode(byte[] frame) {
        return decode(frame, LinkTypes.ETHERNET);
    }

    static DecodedPacket decode(byte[] frame, int linkType) {
        return decode(frame, frame.length, frame.length, linkType, DecodeOptions.defaults());
    }

    static DecodedPacket decode(byte[] frame, int capLen, int origLen, int linkType, DecodeOptions options) {
        DecodedPacket d = new DecodedPacket();
        new PacketDecoder(options).decode(frame, 0, capLen, origLen, linkType, d);
        return d;
    }

    static String anomaly(DecodedPacket d) {
        return d.anomalyCount > 0 ? Anomaly.of(d.anomaly).id() : null;
    }

    static String layers(DecodedPacket d) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.layerCount; i++) {
            sb.append(i > 0 ? ":" : "").append(Layer.name(d.layerType[i]));
        }
        return sb.toString();
    }

    static String src(DecodedPacket d) {
        return d.ipVersion != 0 ? Addresses.format(d.ipVersion, d.srcHi, d.srcLo) : Addresses.mac(d.srcMac);
    }

    static String dst(DecodedPacket d) {
        return d.ipVersion != 0 ? Addresses.format(d.ipVersion, d.dstHi, d.dstLo) : Addresses.mac(d.dstMac);
    }

    static String info(byte[] frame, DecodedPacket d) {
        return PacketInfo.describe(frame, 0, frame.length, d);
    }

    static final class Ipv4 {
        private final byte[] src;
        private final byte[] dst;
        private final int proto;
        private byte[] options = new byte[0];
        private byte[] payload = new byte[0];
        private int ihl = -1;
        private int totalLength = -1;
        private int flagsOffset;
        private int version = 4;

        Ipv4(String src, String dst, int proto) {
            this.src = addr(src);
            this.dst = addr(dst);
            this.proto = proto;
        }

        Ipv4 payload(byte[] p) {
            payload = p;
            return this;
        }

        Ipv4 options(byte[] o) {
            options = o;
            return this;
        }

        Ipv4 ihl(int words) {
            ihl = words;
            return this;
        }

        Ipv4 version(int v) {
            version = v;
            return this;
        }

        Ipv4 totalLength(int n) {
            totalLength = n;
            return this;
        }

        /** Fragment offset in bytes (a multiple of 8) and the More Fragments flag. */
        Ipv4 fragment(int offsetBytes, boolean more) {
            flagsOffset = offsetBytes / 8 | (more ? 0x2000 : 0);
            return this;
        }

        byte[] build() {
            int words = ihl >= 0 ? ihl : 5 + options.length / 4;
            int total = totalLength >= 0 ? totalLength : 20 + options.length + payload.length;
            return cat(bytes(version << 4 | words, 0), u16(total), u16(0x1234), u16(flagsOffset), bytes(64, proto),
                    u16(0), src, dst, options, payload);
        }
    }

    static final class Ipv6 {
        private final byte[] src;
        private final byte[] dst;
        private final int next;
        private byte[] payload = new byte[0];
        private int payloadLength = -1;

        Ipv6(String src, String dst, int next) {
            this.src = addr(src);
            this.dst = addr(dst);
            this.next = next;
        }

        Ipv6 payload(byte[] p) {
            payload = p;
            return this;
        }

        Ipv6 payloadLength(int n) {
            payloadLength = n;
            return this;
        }

        byte[] build() {
            int plen = payloadLength >= 0 ? payloadLength : payload.length;
            return cat(u32(0x6000_0000L), u16(plen), bytes(next, 64), src, dst, payload);
        }
    }

    /** An IPv6 extension header of the options kind (Hop-by-Hop, Destination Options): 8 bytes with PadN. */
    static byte[] ipv6Options(int next, byte[] rest) {
        return cat(bytes(next, 0, 1, 4, 0, 0, 0, 0), rest);
    }

    static byte[] ipv6Fragment(int next, int offsetBytes, boolean more, byte[] rest) {
        return cat(bytes(next, 0), u16(offsetBytes | (more ? 1 : 0)), u32(0xABCD), rest);
    }

    static final class Tcp {
        private final int sport;
        private final int dport;
        private int flags = 0x10;
        private long seq;
        private long ack;
        private int window = 65535;
        private byte[] options = new byte[0];
        private byte[] payload = new byte[0];
        private int dataOffset = -1;

        Tcp(int sport, int dport) {
            this.sport = sport;
            this.dport = dport;
        }

        Tcp flags(int f) {
            flags = f;
            return this;
        }

        Tcp seq(long s) {
            seq = s;
            return this;
        }

        Tcp ack(long a) {
            ack = a;
            return this;
        }

        Tcp window(int w) {
            window = w;
            return this;
        }

        /** Options, padded with EOL to a multiple of 4 bytes. */
        Tcp options(byte[] o) {
            options = cat(o, new byte[(4 - o.length % 4) % 4]);
            return this;
        }

        Tcp payload(byte[] p) {
            payload = p;
            return this;
        }

        Tcp dataOffset(int words) {
            dataOffset = words;
            return this;
        }

        byte[] build() {
            int words = dataOffset >= 0 ? dataOffset : 5 + options.length / 4;
            return cat(u16(sport), u16(dport), u32(seq), u32(ack), bytes(words << 4, flags), u16(window), u16(0),
                    u16(0), options, payload);
        }
    }
}
