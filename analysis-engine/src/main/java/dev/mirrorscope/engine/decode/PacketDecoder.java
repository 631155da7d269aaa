package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.LinkTypes;

/**
 * Decodes one captured frame into a reused {@link DecodedPacket}: link layer, VLANs, IP (with IPv6
 * extension chains and IP-in-IP), transport, the mirror tunnels (VXLAN, Geneve, GRE, ERSPAN) and a few
 * application headers on the innermost transport. Each protocol has its own small decoder; they check
 * lengths before every read, record a named {@link Anomaly} and stop instead of throwing. Nothing is
 * allocated per packet. What "innermost" means follows tshark's dissection as compared by tshark-diff.
 */
public final class PacketDecoder {
    private final DecodeOptions options;

    public PacketDecoder(DecodeOptions options) {
        this.options = options != null ? options : DecodeOptions.defaults();
    }

    /**
     * Resets {@code out} and fills it from the frame {@code b[off, off + capLen)} of the given LINKTYPE_*.
     * Offsets recorded in {@code out} are relative to {@code off}. Never throws.
     */
    public void decode(byte[] b, int off, int capLen, int origLen, int linkType, DecodedPacket out) {
        decode(b, off, capLen, origLen, linkType, out, null);
    }

    /**
     * As {@link #decode(byte[], int, int, int, int, DecodedPacket)}, telling {@code listener} every layer,
     * part and anomaly as it is found (for the packet-details tree); {@code listener} may be null.
     */
    public void decode(byte[] b, int off, int capLen, int origLen, int linkType, DecodedPacket out,
                       DecodeListener listener) {
        out.reset();
        out.options = options;
        out.listener = listener;
        if (b == null || off < 0 || off > b.length || capLen <= 0) {
            out.anomaly(Anomaly.EMPTY_PACKET, 0);
            return;
        }
        out.base = off;
        int limit = off + Math.min(capLen, b.length - off);
        if (origLen < capLen) {
            out.anomaly(Anomaly.CAPTURED_LENGTH_EXCEEDS_ORIGINAL, 0);
        }
        out.declaredEnd = Math.max(limit, Bytes.addClamped(off, Math.max(0, origLen)));
        try {
            switch (linkType) {
                case LinkTypes.ETHERNET:
                    EthernetDecoder.decode(b, off, limit, out);
                    break;
                case LinkTypes.NULL:
                    NullLoopbackDecoder.decodeNull(b, off, limit, out);
                    break;
                case LinkTypes.LOOP:
                    NullLoopbackDecoder.decodeLoop(b, off, limit, out);
                    break;
                case LinkTypes.RAW:
                    RawIpDecoder.decode(b, off, limit, out);
                    break;
                case LinkTypes.IPV4:
                    Ipv4Decoder.decode(b, off, limit, out);
                    break;
                case LinkTypes.IPV6:
                    Ipv6Decoder.decode(b, off, limit, out);
                    break;
                case LinkTypes.LINUX_SLL:
                    LinuxSllDecoder.decodeSll(b, off, limit, out);
                    break;
                case LinkTypes.LINUX_SLL2:
                    LinuxSllDecoder.decodeSll2(b, off, limit, out);
                    break;
                default:
                    out.anomaly(Anomaly.UNKNOWN_LINK_TYPE, 0);
            }
        } catch (RuntimeException e) {
            // A decoder bug must cost one packet's details, not the whole ingest; tests keep this unreachable.
            out.anomaly(Anomaly.DECODER_BUG, 0);
        }
    }

    public DecodeOptions options() {
        return options;
    }
}
