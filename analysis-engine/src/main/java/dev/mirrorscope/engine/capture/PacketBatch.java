package dev.mirrorscope.engine.capture;

/**
 * A run of consecutive packets from one capture, held as primitive columns over one byte array so
 * that readers, decoders and writers pass packets around without per-packet objects. Batches are
 * pooled and reused: {@link #clear()} resets one for the next fill.
 */
public final class PacketBatch {
    /** Default capacity in packets; a batch also ends when its data array is full. */
    public static final int DEFAULT_PACKETS = 2048;
    /** Default data size: always larger than {@link CaptureLimits#MAX_CAPTURED_LENGTH}. */
    public static final int DEFAULT_DATA_BYTES = 2 * 1024 * 1024;
    /** tsNs value of a packet whose block carries no timestamp (pcapng Simple Packet Block). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public final int capacity;
    public final byte[] data;
    /** Bytes of {@link #data} in use. */
    public int dataLength;
    /** Packets in use. */
    public int count;
    /** 0-based index within its capture of packet 0 of this batch. */
    public long firstIndex;
    /** Sequence number of this batch within an ingest run (set by the pipeline). */
    public long sequence;

    /** Start of packet i's captured bytes in {@link #data}. */
    public final int[] offset;
    public final int[] capLen;
    /** Original length on the wire (pcap orig_len); may exceed capLen. */
    public final int[] origLen;
    /** Link type of the interface the packet came from (LINKTYPE_* value, upper bits cleared). */
    public final int[] linkType;
    /** pcapng interface number (0 for classic pcap). */
    public final int[] iface;
    /** Nanoseconds since the Unix epoch, or {@link #NO_TIMESTAMP}. */
    public final long[] tsNs;
    /** Offset of the packet's captured bytes in the (decompressed) capture stream. */
    public final long[] fileOffset;

    public PacketBatch() {
        this(DEFAULT_PACKETS, DEFAULT_DATA_BYTES);
    }

    public PacketBatch(int capacity, int dataBytes) {
        if (dataBytes < CaptureLimits.MAX_CAPTURED_LENGTH) {
            throw new IllegalArgumentException("batch data must hold the largest allowed packet");
        }
        this.capacity = capacity;
        this.data = new byte[dataBytes];
        this.offset = new int[capacity];
        this.capLen = new int[capacity];
        this.origLen = new int[capacity];
        this.linkType = new int[capacity];
        this.iface = new int[capacity];
        this.tsNs = new long[capacity];
        this.fileOffset = new long[capacity];
    }

    public void clear() {
        dataLength = 0;
        count = 0;
        firstIndex = 0;
        sequence = 0;
    }

    public boolean isFull() {
        return count == capacity;
    }

    /** True when a packet of {@code len} captured bytes still fits. */
    public boolean fits(int len) {
        return count < capacity && dataLength + len <= data.length;
    }

    /**
     * Reserves room for one packet and records its metadata; the caller then copies {@code capLen}
     * bytes to {@code data[offset[i]]}. Returns the packet's slot i.
     */
    public int add(int capLen, int origLen, int linkType, int iface, long tsNs, long fileOffset) {
        int i = count++;
        this.offset[i] = dataLength;
        this.capLen[i] = capLen;
        this.origLen[i] = origLen;
        this.linkType[i] = linkType;
        this.iface[i] = iface;
        this.tsNs[i] = tsNs;
        this.fileOffset[i] = fileOffset;
        dataLength += capLen;
        return i;
    }
}
