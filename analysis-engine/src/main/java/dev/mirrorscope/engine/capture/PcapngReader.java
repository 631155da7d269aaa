package dev.mirrorscope.engine.capture;

import java.io.IOException;

/**
 * pcapng: any number of sections, each with its own byte order and interfaces; Enhanced, Simple and
 * obsolete Packet Blocks; if_tsresol in powers of 10 and of 2 and if_tsoffset; every other block
 * type is skipped. Interfaces are numbered across sections in order of appearance.
 */
final class PcapngReader extends FileCaptureReader {
    static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;
    private static final int OPT_END = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    /** Interfaces per file: OPB numbers them in 16 bits, and each costs a little memory. */
    private static final int MAX_INTERFACES = 1 << 16;
    private static final int ADDED = 0;
    private static final int BATCH_FULL = 1;
    private static final int STOPPED = 2;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private boolean le;
    private int sectionBase;
    private int interfaces;
    private int[] ifLinkType = new int[4];
    private int[] ifSnapLen = new int[4];
    /** tsresol: exponent, and whether it is a power of 2 (else of 10). */
    private int[] ifResolExp = new int[4];
    private boolean[] ifResolPow2 = new boolean[4];
    private long[] ifOffsetSec = new long[4];

    PcapngReader(CaptureReaders.Opened o) throws IOException {
        super(o);
        String problem = readSectionHeader(true);
        if (problem != null) {
            throw new CaptureFormatException(name + ": " + problem + "; not a readable pcapng file");
        }
    }

    @Override
    public String format() {
        return "pcapng";
    }

    /** Reads a section header block at the current position; returns null or what is wrong with it. */
    private String readSectionHeader(boolean first) throws IOException {
        ByteInput in = input;
        long offset = in.position();
        String what = "section header block at offset " + offset;
        if (!in.ensure(28)) {
            return what + " is cut off";
        }
        int at = in.index();
        long bom = in.u32(at + 8, true);
        if (bom == BYTE_ORDER_MAGIC) {
            le = true;
        } else if (in.u32(at + 8, false) == BYTE_ORDER_MAGIC) {
            le = false;
        } else {
            return what + " has no valid byte-order magic";
        }
        long len = in.u32(at + 4, le);
        if (len < 28 || len % 4 != 0 || len > CaptureLimits.MAX_BLOCK_LENGTH) {
            return what + " claims an impossible length of " + count(len) + " bytes";
        }
        int major = in.u16(at + 12, le);
        int minor = in.u16(at + 14, le);
        if (major != 1) {
            return what + ": pcapng version " + major + "." + minor + " is not supported (only 1.x)";
        }
        if (!in.ensure((int) len)) {
            return what + " is cut off (" + count(len) + " bytes needed, " + count(in.available()) + " left)";
        }
        at = in.index();
        if (in.u32(at + (int) len - 4, le) != len) {
            return what + ": its trailing length does not match its length " + count(len);
        }
        if (!optionsFit(at + 24, at + (int) len - 4)) {
            return what + ": an option runs past the end of the block";
        }
        in.advance((int) len);
        sectionBase = interfaces;
        records++;
        return null;
    }

    /** Walks options in [from, to) to check that none overruns the block. */
    private boolean optionsFit(int from, int to) {
        int p = from;
        while (p + 4 <= to) {
            int code = input.u16(p, le);
            int olen = input.u16(p + 2, le);
            if (code == OPT_END) {
                return true;
            }
            p += 4 + ((olen + 3) & ~3);
            if (p > to) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected boolean fill(PacketBatch batch) throws IOException {
        ByteInput in = input;
        while (!batch.isFull()) {
            if (in.atEnd()) {
                return false;
            }
            long offset = in.position();
            long blockNo = records + 1;
            if (!in.ensure(8)) {
                cutOff(block(blockNo) + " header", offset, 8, in.available());
                return false;
            }
            int at = in.index();
            int type = in.i32(at, le);
            if (type == SHB) {
                String problem = readSectionHeader(false);
                if (problem != null) {
                    stop(block(blockNo) + " (" + problem + ")");
                    return false;
                }
                continue;
            }
            long len = in.u32(at + 4, le);
            if (len < 12 || len % 4 != 0 || len > CaptureLimits.MAX_BLOCK_LENGTH) {
                stop(block(blockNo) + " at offset " + offset + " claims an impossible length of " + count(len) + " bytes");
                return false;
            }
            int blen = (int) len;
            if (!in.ensure(blen)) {
                cutOff(block(blockNo), offset, blen, in.available());
                return false;
            }
            at = in.index();
            if (in.u32(at + blen - 4, le) != len) {
                stop(block(blockNo) + " at offset " + offset + ": its trailing length does not match its length "
                        + count(len));
                return false;
            }
            switch (type) {
                case IDB:
                    if (!readInterface(at, blen, blockNo, offset)) {
                        return false;
                    }
                    break;
                case EPB:
                case OPB:
                case SPB:
                    int r = type == SPB ? readSimplePacket(batch, at, blen, blockNo, offset)
                            : readPacket(batch, type, at, blen, blockNo, offset);
                    if (r == BATCH_FULL) {
                        return true;
                    }
                    if (r == STOPPED) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
            in.advance(blen);
            records++;
        }
        return true;
    }

    private boolean readInterface(int at, int blen, long blockNo, long offset) {
        String block = block(blockNo);
        if (blen < 20) {
            stop(block + " at offset " + offset + ": interface description block is too short");
            return false;
        }
        if (interfaces >= MAX_INTERFACES) {
            stop(block + " at offset " + offset + ": more than " + count(MAX_INTERFACES) + " interfaces");
            return false;
        }
        int linkType = LinkTypes.fromHeaderField(input.u16(at + 8, le));
        long snap = input.u32(at + 12, le);
        int exp = 6;
        boolean pow2 = false;
        long offsetSec = 0;
        int p = at + 16;
        int end = at + blen - 4;
        while (p + 4 <= end) {
            int code = input.u16(p, le);
            int olen = input.u16(p + 2, le);
            if (code == OPT_END) {
                break;
            }
            if (p + 4 + olen > end) {
                stop(block + " at offset " + offset + ": an interface option runs past the end of the block");
                return false;
            }
            if (code == IF_TSRESOL && olen >= 1) {
                int v = input.u8(p + 4);
                pow2 = (v & 0x80) != 0;
                exp = v & 0x7F;
            } else if (code == IF_TSOFFSET && olen >= 8) {
                offsetSec = input.i64(p + 4, le);
            }
            p += 4 + ((olen + 3) & ~3);
        }
        if ((!pow2 && exp > 18) || (pow2 && exp > 62)) {
            stop(block + " at offset " + offset + ": if_tsresol " + (pow2 ? "2^-" : "10^-") + exp
                    + " is beyond any clock");
            return false;
        }
        if (interfaces == ifLinkType.length) {
            int n = interfaces * 2;
            ifLinkType = java.util.Arrays.copyOf(ifLinkType, n);
            ifSnapLen = java.util.Arrays.copyOf(ifSnapLen, n);
            ifResolExp = java.util.Arrays.copyOf(ifResolExp, n);
            ifResolPow2 = java.util.Arrays.copyOf(ifResolPow2, n);
            ifOffsetSec = java.util.Arrays.copyOf(ifOffsetSec, n);
        }
        ifLinkType[interfaces] = linkType;
        ifSnapLen[interfaces] = (int) Math.min(snap, Integer.MAX_VALUE);
        ifResolExp[interfaces] = exp;
        ifResolPow2[interfaces] = pow2;
        ifOffsetSec[interfaces] = offsetSec;
        interfaces++;
        addLinkType(linkType);
        return true;
    }

    /** Enhanced or obsolete packet block: ADDED, BATCH_FULL (nothing consumed) or STOPPED. */
    private int readPacket(PacketBatch batch, int type, int at, int blen, long blockNo, long offset) {
        if (blen < 32) {
            stop(block(blockNo) + " at offset " + offset + ": packet block of " + blen + " bytes is too short");
            return STOPPED;
        }
        long ifId = type == EPB ? input.u32(at + 8, le) : input.u16(at + 8, le);
        long ticks = input.u32(at + 12, le) << 32 | input.u32(at + 16, le);
        long cap = input.u32(at + 20, le);
        long orig = input.u32(at + 24, le);
        if (ifId >= interfaces - sectionBase) {
            stop(packet(blockNo, offset) + " names interface " + ifId + ", which its section does not describe");
            return STOPPED;
        }
        if (cap > CaptureLimits.MAX_CAPTURED_LENGTH) {
            stop(packet(blockNo, offset) + " claims " + count(cap) + " captured bytes, more than the "
                    + count(CaptureLimits.MAX_CAPTURED_LENGTH) + " limit");
            return STOPPED;
        }
        if (cap > blen - 32) {
            stop(packet(blockNo, offset) + " claims " + count(cap) + " captured bytes but the block holds only "
                    + count(blen - 32));
            return STOPPED;
        }
        int iface = sectionBase + (int) ifId;
        return copy(batch, at + 28, (int) cap, orig, iface, toNanos(ticks, iface), offset + 28);
    }

    private int readSimplePacket(PacketBatch batch, int at, int blen, long blockNo, long offset) {
        if (blen < 16) {
            stop(block(blockNo) + " at offset " + offset + ": simple packet block is too short");
            return STOPPED;
        }
        if (interfaces == sectionBase) {
            stop(packet(blockNo, offset) + " is a simple packet block before any interface description");
            return STOPPED;
        }
        long orig = input.u32(at + 8, le);
        long cap = Math.min(orig, blen - 16);
        int snap = ifSnapLen[sectionBase];
        if (snap > 0) {
            cap = Math.min(cap, snap);
        }
        cap = Math.min(cap, CaptureLimits.MAX_CAPTURED_LENGTH);
        return copy(batch, at + 12, (int) cap, orig, sectionBase, PacketBatch.NO_TIMESTAMP, offset + 12);
    }

    // Messages are made only when something is wrong: formatting numbers for every block cost more
    // than reading it.
    private static String block(long blockNo) {
        return "block " + count(blockNo);
    }

    private String packet(long blockNo, long offset) {
        return block(blockNo) + " (packet " + count(packets + 1) + ") at offset " + offset;
    }

    private int copy(PacketBatch batch, int from, int cap, long orig, int iface, long tsNs, long fileOffset) {
        if (!batch.fits(cap)) {
            return BATCH_FULL;
        }
        int slot = batch.add(cap, (int) Math.min(orig, Integer.MAX_VALUE), ifLinkType[iface], iface, tsNs, fileOffset);
        System.arraycopy(input.buffer(), from, batch.data, batch.offset[slot], cap);
        packets++;
        return ADDED;
    }

    private long toNanos(long ticks, int iface) {
        int exp = ifResolExp[iface];
        long ns;
        if (!ifResolPow2[iface]) {
            ns = exp <= 9 ? ticks * POW10[9 - exp] : Long.divideUnsigned(ticks, POW10[exp - 9]);
        } else if (exp == 0) {
            ns = ticks * 1_000_000_000L;
        } else {
            long secs = ticks >>> exp;
            long rem = ticks & ((1L << exp) - 1);
            long frac = exp <= 33 ? (rem * 1_000_000_000L) >>> exp
                    : (long) (rem / Math.scalb(1.0, exp) * 1e9);
            ns = secs * 1_000_000_000L + frac;
        }
        return ns + ifOffsetSec[iface] * 1_000_000_000L;
    }
}
