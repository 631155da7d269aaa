package dev.mirrorscope.engine.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * pcapng, little-endian: one section, interfaces described before their packets (each with if_name
 * and nanosecond if_tsresol), Enhanced Packet Blocks with an optional comment. Packets longer than
 * their interface's snap length are cut to it, keeping their original length.
 */
public final class PcapngWriter implements CaptureWriter {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final byte[] ZEROS = new byte[4];

    private final OutputStream out;
    private int interfaces;
    private int[] snapLens = new int[4];
    private final byte[] epb = new byte[28];
    private final byte[] trailer = new byte[4];

    public PcapngWriter(OutputStream out, String application) throws IOException {
        this.out = PcapWriter.buffered(out);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] fixed = new byte[16];
        PcapWriter.le32(fixed, 0, 0x1A2B3C4D);
        PcapWriter.le16(fixed, 4, 1);
        PcapWriter.le16(fixed, 6, 0);
        Arrays.fill(fixed, 8, 16, (byte) 0xFF); // section length: not known while streaming
        body.writeBytes(fixed);
        option(body, SHB_USERAPPL, application.getBytes(StandardCharsets.UTF_8));
        endOptions(body);
        block(SHB, body.toByteArray());
    }

    /** Describes an interface with the largest snap length readers accept; returns its number. */
    public int addInterface(int linkType, String name) throws IOException {
        return addInterface(linkType, name, CaptureLimits.MAX_CAPTURED_LENGTH);
    }

    /** Describes an interface; returns its number for {@link #write(int, long, byte[], int, int, int, String)}. */
    public int addInterface(int linkType, String name, int snapLen) throws IOException {
        if (snapLen <= 0 || snapLen > CaptureLimits.MAX_CAPTURED_LENGTH) {
            throw new IllegalArgumentException("snap length " + snapLen + " is outside 1.."
                    + CaptureLimits.MAX_CAPTURED_LENGTH);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] fixed = new byte[8];
        PcapWriter.le16(fixed, 0, linkType);
        PcapWriter.le32(fixed, 4, snapLen);
        body.writeBytes(fixed);
        option(body, IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        option(body, IF_TSRESOL, new byte[] {9});
        endOptions(body);
        block(IDB, body.toByteArray());
        if (interfaces == snapLens.length) {
            snapLens = Arrays.copyOf(snapLens, interfaces * 2);
        }
        snapLens[interfaces] = snapLen;
        return interfaces++;
    }

    /** Writes on interface 0, which must have been added. */
    @Override
    public void write(long tsNs, byte[] data, int off, int len, int origLen) throws IOException {
        write(0, tsNs, data, off, len, origLen, null);
    }

    public void write(int iface, long tsNs, byte[] data, int off, int len, int origLen, String comment)
            throws IOException {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("interface " + iface + " was not added");
        }
        PcapWriter.checkPacket(len, origLen);
        if (tsNs < 0) {
            throw new IllegalArgumentException("timestamp " + tsNs + " ns is before 1970, which pcapng cannot hold");
        }
        int cap = Math.min(len, snapLens[iface]);
        byte[] options = null;
        if (comment != null) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            option(o, OPT_COMMENT, comment.getBytes(StandardCharsets.UTF_8));
            endOptions(o);
            options = o.toByteArray();
        }
        int pad = padding(cap);
        int total = 32 + cap + pad + (options == null ? 0 : options.length);
        PcapWriter.le32(epb, 0, EPB);
        PcapWriter.le32(epb, 4, total);
        PcapWriter.le32(epb, 8, iface);
        PcapWriter.le32(epb, 12, (int) (tsNs >>> 32));
        PcapWriter.le32(epb, 16, (int) tsNs);
        PcapWriter.le32(epb, 20, cap);
        PcapWriter.le32(epb, 24, origLen);
        out.write(epb);
        out.write(data, off, cap);
        out.write(ZEROS, 0, pad);
        if (options != null) {
            out.write(options);
        }
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
        PcapWriter.le32(trailer, 0, total);
        out.write(trailer);
    }

    private static int padding(int len) {
        return (4 - (len & 3)) & 3;
    }

    private static void option(ByteArrayOutputStream o, int code, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("pcapng option " + code + " of " + value.length
                    + " bytes is longer than an option can be (65,535)");
        }
        byte[] h = new byte[4];
        PcapWriter.le16(h, 0, code);
        PcapWriter.le16(h, 2, value.length);
        o.writeBytes(h);
        o.writeBytes(value);
        o.write(ZEROS, 0, padding(value.length));
    }

    private static void endOptions(ByteArrayOutputStream o) {
        o.write(ZEROS, 0, 4);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
