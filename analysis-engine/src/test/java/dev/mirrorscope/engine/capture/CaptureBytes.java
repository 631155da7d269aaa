package dev.mirrorscope.engine.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds pcap and pcapng files byte by byte for reader tests, in either byte order. */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    static CaptureBytes pcap(boolean le, boolean nanos, int linkType) {
        CaptureBytes b = new CaptureBytes();
        b.order = le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        b.u32(nanos ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType);
        return b;
    }

    CaptureBytes record(long sec, long frac, byte[] data, int origLen) {
        return u32((int) sec).u32((int) frac).u32(data.length).u32(origLen).raw(data);
    }

    /** A pcap record header only, with any lengths. */
    CaptureBytes recordHeader(long sec, long frac, long inclLen, long origLen) {
        return u32((int) sec).u32((int) frac).u32((int) inclLen).u32((int) origLen);
    }

    static CaptureBytes pcapng() {
        return new CaptureBytes();
    }

    CaptureBytes section(boolean le, byte[]... options) {
        order = le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer body = buf(16 + optionsLength(options));
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        putOptions(body, options);
        return block(0x0A0D0D0A, body.array());
    }

    CaptureBytes iface(int linkType, int snapLen, byte[]... options) {
        ByteBuffer body = buf(8 + optionsLength(options));
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLen);
        putOptions(body, options);
        return block(1, body.array());
    }

    CaptureBytes epb(int iface, long ticks, byte[] data, int origLen, byte[]... options) {
        ByteBuffer body = buf(20 + pad(data.length) + optionsLength(options));
        body.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt(origLen);
        body.put(data).position(20 + pad(data.length));
        putOptions(body, options);
        return block(6, body.array());
    }

    CaptureBytes opb(int iface, long ticks, byte[] data, int origLen) {
        ByteBuffer body = buf(20 + pad(data.length));
        body.putShort((short) iface).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt(data.length).putInt(origLen).put(data);
        return block(2, body.array());
    }

    CaptureBytes spb(byte[] data, int origLen) {
        ByteBuffer body = buf(4 + pad(data.length));
        body.putInt(origLen).put(data);
        return block(3, body.array());
    }

    CaptureBytes block(int type, byte[] body) {
        int len = 12 + pad(body.length);
        u32(type).u32(len).raw(body);
        for (int i = body.length; i < pad(body.length); i++) {
            out.write(0);
        }
        return u32(len);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    CaptureBytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    CaptureBytes u32(int v) {
        return raw(buf(4).putInt(v).array());
    }

    CaptureBytes u16(int v) {
        return raw(buf(2).putShort((short) v).array());
    }

    static byte[] option(int code, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(4 + value.length);
        b.putShort((short) code).putShort((short) value.length).put(value);
        return b.array();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A 42-byte Ethernet/IPv4/UDP frame whose last byte is {@code tag}. */
    static byte[] frame(int tag) {
        byte[] f = java.util.HexFormat.of().parseHex("0200000000010200000000020800"
                + "4500001c000000004011f97d0a0000010a000002" + "d4310035000800");
        byte[] withTag = java.util.Arrays.copyOf(f, f.length + 1);
        withTag[f.length] = (byte) tag;
        return withTag;
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static int optionsLength(byte[][] options) {
        int n = 0;
        for (byte[] o : options) {
            n += pad(o.length);
        }
        return options.length == 0 ? 0 : n + 4;
    }

    /** Options arrive with a big-endian code and length (from {@link #option}); rewrite them in order. */
    private void putOptions(ByteBuffer body, byte[][] options) {
        for (byte[] o : options) {
            ByteBuffer src = ByteBuffer.wrap(o);
            int code = src.getShort() & 0xFFFF;
            int len = src.getShort() & 0xFFFF;
            body.putShort((short) code).putShort((short) len).put(o, 4, len);
            body.position(body.position() + pad(len) - len);
        }
        if (options.length > 0) {
            body.putInt(0);
        }
    }
}
