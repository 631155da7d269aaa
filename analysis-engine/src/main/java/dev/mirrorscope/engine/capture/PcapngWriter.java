package dev.mirrorscope.engine.capture;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * pcapng, little-endian: one section, interfaces added before their packets (nanosecond clocks),
 * Enhanced Packet Blocks with an optional comment.
 */
public final class PcapngWriter implements CaptureWriter {
    private static final int OPT_COMMENT = 1;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int SHB_USERAPPL = 4;

    private final OutputStream out;
    private int interfaces;
    private final byte[] epb = new byte[28];

    public PcapngWriter(OutputStream out, String application) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 20);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] fixed = new byte[16];
        PcapWriter.le32(fixed, 0, 0x1A2B3C4D);
        PcapWriter.le16(fixed, 4, 1);
        PcapWriter.le16(fixed, 6, 0);
        for (int i = 8; i < 16; i++) {
            fixed[i] = (byte) 0xFF; // section length unknown
        }
        body.write(fixed);
        option(body, SHB_USERAPPL, application.getBytes(StandardCharsets.UTF_8));
        endOptions(body);
        block(0x0A0D0D0A, body.toByteArray());
    }

    /** Describes an interface and returns its number for {@link #write(int, long, byte[], int, int, int, String)}. */
    public int addInterface(int linkType, String name) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] fixed = new byte[8];
        PcapWriter.le16(fixed, 0, linkType);
        PcapWriter.le32(fixed, 4, CaptureLimits.MAX_CAPTURED_LENGTH);
        body.write(fixed);
        option(body, IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        option(body, IF_TSRESOL, new byte[] {9});
        endOptions(body);
        block(1, body.toByteArray());
        return interfaces++;
    }

    @Override
    public void write(long tsNs, byte[] data, int off, int len, int origLen) throws IOException {
        if (interfaces == 0) {
            addInterface(LinkTypes.ETHERNET, "mirror");
        }
        write(0, tsNs, data, off, len, origLen, null);
    }

    public void write(int iface, long tsNs, byte[] data, int off, int len, int origLen, String comment)
            throws IOException {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("interface " + iface + " was not added");
        }
        byte[] c = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
        int pad = (4 - (len & 3)) & 3;
        int opts = c == null ? 0 : 4 + c.length + ((4 - (c.length & 3)) & 3) + 4;
        int total = 32 + len + pad + opts;
        PcapWriter.le32(epb, 0, 6);
        PcapWriter.le32(epb, 4, total);
        PcapWriter.le32(epb, 8, iface);
        PcapWriter.le32(epb, 12, (int) (tsNs >>> 32));
        PcapWriter.le32(epb, 16, (int) tsNs);
        PcapWriter.le32(epb, 20, len);
        PcapWriter.le32(epb, 24, origLen);
        out.write(epb);
        out.write(data, off, len);
        out.write(new byte[pad]);
        if (c != null) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            option(o, OPT_COMMENT, c);
            endOptions(o);
            out.write(o.toByteArray());
        }
        byte[] trailer = new byte[4];
        PcapWriter.le32(trailer, 0, total);
        out.write(trailer);
    }

    private void block(int type, byte[] body) throws IOException {
        byte[] head = new byte[8];
        int total = 12 + body.length;
        PcapWriter.le32(head, 0, type);
        PcapWriter.le32(head, 4, total);
        out.write(head);
        out.write(body);
        byte[] trailer = new byte[4];
        PcapWriter.le32(trailer, 0, total);
        out.write(trailer);
    }

    private static void option(ByteArrayOutputStream o, int code, byte[] value) {
        byte[] h = new byte[4];
        PcapWriter.le16(h, 0, code);
        PcapWriter.le16(h, 2, value.length);
        o.write(h, 0, 4);
        o.write(value, 0, value.length);
        o.write(new byte[(4 - (value.length & 3)) & 3], 0, (4 - (value.length & 3)) & 3);
    }

    private static void endOptions(ByteArrayOutputStream o) {
        o.write(new byte[4], 0, 4);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
